package io.llmwatch.sink;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Alerts as the processor writes them, for tests to adjust. */
public final class SampleAlerts {

    private SampleAlerts() {
    }

    /** A firing cost anomaly with every field set, under a fresh alert id. */
    public static AlertEvent.Builder costAnomaly() {
        return AlertEvent.newBuilder()
                .setAlertId(UUID.randomUUID().toString())
                .setDedupKey("cost_anomaly|feature|support-chat|1762430400000")
                .setType("cost_anomaly")
                .setSeverity(Severity.CRITICAL)
                .setStatus(AlertStatus.FIRING)
                .setDimension("feature")
                .setDimensionKey("support-chat")
                .setTenant("acme")
                .setWindowStartMillis(1_762_430_400_000L)
                .setWindowEndMillis(1_762_434_000_000L)
                .setObserved("12.500000")
                .setExpected("3.100000")
                .setUnit("USD")
                .setScore(4.03)
                .setPValue(0.0004)
                .setSummary("support-chat spent 12.50 USD in an hour against a 3.10 USD baseline")
                .setExemplarTraceIds(List.of("4bf92f3577b34da6a3ce929d0e0e4736"))
                .setDetectedAtMillis(1_762_434_012_000L)
                .setAttributes(Map.of("model", "gpt-4o"));
    }
}
