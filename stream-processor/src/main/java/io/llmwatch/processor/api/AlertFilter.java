package io.llmwatch.processor.api;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The filters of {@code GET /api/alerts}: {@code status} (firing or resolved), {@code type} (e.g. cost_anomaly) and
 * {@code key}, which matches the dimension key ({@code support-chat}) or the dimension and key ({@code feature|support-chat}).
 * Absent filters match everything.
 */
record AlertFilter(Optional<AlertStatus> status, Optional<String> type, Optional<String> key)
        implements Predicate<AlertEvent> {

    static AlertFilter of(ApiRequest request) {
        return new AlertFilter(request.parameter("status").map(AlertFilter::status), request.parameter("type"),
                request.parameter("key"));
    }

    private static AlertStatus status(String value) {
        return Arrays.stream(AlertStatus.values())
                .filter(status -> status.name().equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("status must be firing or resolved, got '" + value + "'"));
    }

    @Override
    public boolean test(AlertEvent alert) {
        return status.map(wanted -> alert.getStatus() == wanted).orElse(true)
                && type.map(wanted -> wanted.toLowerCase(Locale.ROOT).equals(alert.getType())).orElse(true)
                && key.map(wanted -> wanted.equals(alert.getDimensionKey())
                        || wanted.equals(alert.getDimension() + "|" + alert.getDimensionKey())).orElse(true);
    }
}
