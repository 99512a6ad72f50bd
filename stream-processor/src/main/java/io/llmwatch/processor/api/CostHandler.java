package io.llmwatch.processor.api;

import io.llmwatch.processor.cost.Dimension;
import io.llmwatch.processor.query.CostQuery;
import io.llmwatch.processor.query.LocalStateQueries;
import io.llmwatch.processor.topology.TopologySettings;
import io.llmwatch.processor.topology.WindowSpec;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * {@code GET /api/cost?by=model|feature|user|tenant&window=1m|1h[&from=ISO&to=ISO]}: one row per
 * key and window whose start lies in [from, to]. Without {@code from} the range starts 60 windows
 * before {@code to}; without {@code to} it ends now.
 */
final class CostHandler extends StateQueryHandler {

    private static final int DEFAULT_WINDOWS_BACK = 60;

    private final LocalStateQueries queries;
    private final TopologySettings settings;
    private final Clock clock;

    CostHandler(KafkaStreams streams, LocalStateQueries queries, TopologySettings settings, Clock clock) {
        super(streams);
        this.queries = queries;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected Object query(Map<String, String> parameters) {
        String by = required(parameters, "by");
        Dimension dimension = Dimension.fromLabel(by)
                .orElseThrow(() -> new IllegalArgumentException("unknown dimension by=" + by
                        + "; use one of model, feature, user, tenant"));
        WindowSpec window = settings.window(required(parameters, "window"));
        Instant to = instant(parameters, "to", clock.instant());
        Instant from = instant(parameters, "from", to.minus(window.size().multipliedBy(DEFAULT_WINDOWS_BACK)));
        return queries.cost(new CostQuery(dimension, window, from, to));
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing query parameter '" + name + "'");
        }
        return value;
    }

    private static Instant instant(Map<String, String> parameters, String name, Instant fallback) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-01-31T14:32:00Z, got '" + value + "'");
        }
    }
}
