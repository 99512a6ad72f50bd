package io.llmwatch.schemas.json;

import io.llmwatch.schemas.alert.AlertEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one JSON shape of an alert, shared by the query API and the webhook destination: the Avro
 * field names in camelCase, severity and status in lower case, nulls kept so the shape is fixed.
 * It is returned as an ordered map so any JSON library can write it.
 */
public final class AlertJson {

    private AlertJson() {
    }

    public static Map<String, Object> toMap(AlertEvent alert) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("alertId", alert.getAlertId());
        json.put("dedupKey", alert.getDedupKey());
        json.put("type", alert.getType());
        json.put("severity", alert.getSeverity().name().toLowerCase(Locale.ROOT));
        json.put("status", alert.getStatus().name().toLowerCase(Locale.ROOT));
        json.put("dimension", alert.getDimension());
        json.put("dimensionKey", alert.getDimensionKey());
        json.put("tenant", alert.getTenant());
        json.put("windowStartMillis", alert.getWindowStartMillis());
        json.put("windowEndMillis", alert.getWindowEndMillis());
        json.put("observed", alert.getObserved());
        json.put("expected", alert.getExpected());
        json.put("unit", alert.getUnit());
        json.put("score", finiteOrNull(alert.getScore()));
        json.put("pValue", finiteOrNull(alert.getPValue()));
        json.put("summary", alert.getSummary());
        json.put("exemplarTraceIds", List.copyOf(alert.getExemplarTraceIds()));
        json.put("detectedAtMillis", alert.getDetectedAtMillis());
        // Avro hands maps over in hash order; sorting renders the same alert to the same bytes.
        json.put("attributes", new TreeMap<>(alert.getAttributes()));
        json.put("runbook", alert.getRunbook());
        return json;
    }

    /** JSON has no NaN or Infinity. */
    private static Double finiteOrNull(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }
}
