package io.llmwatch.sink.routing;

import io.llmwatch.schemas.alert.AlertEvent;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alert seen as Alertmanager-style labels, the one vocabulary routes, silences and grouping match
 * on: {@code type}, {@code severity}, {@code status}, {@code dimension}, {@code dimensionKey},
 * {@code tenant}, {@code dedupKey}, plus every attribute under its own name (fixed labels win a clash).
 */
public final class AlertLabels {

    private AlertLabels() {
    }

    public static Map<String, String> of(AlertEvent alert) {
        Map<String, String> labels = new TreeMap<>(alert.getAttributes());
        labels.put("type", alert.getType());
        labels.put("severity", alert.getSeverity().name().toLowerCase(Locale.ROOT));
        labels.put("status", alert.getStatus().name().toLowerCase(Locale.ROOT));
        labels.put("dimension", alert.getDimension());
        labels.put("dimensionKey", alert.getDimensionKey());
        labels.put("tenant", alert.getTenant() == null ? "" : alert.getTenant());
        labels.put("dedupKey", alert.getDedupKey());
        return labels;
    }
}
