package io.llmwatch.launcher.bench;

import io.llmwatch.launcher.bench.DetectionBenchmark.ReadAlert;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionBenchmarkJudgeTest {

    private static final long START = 1_000_000;

    private static final BenchIncident ERROR_BURST = new BenchIncident("error_burst", START, START + 45_000,
            Set.of("error_rate", "quality_degradation"), key -> key.startsWith("model|") || key.startsWith("model_prompt|"));

    private static ReadAlert alert(String type, String dimension, AlertStatus status, long eventTime, long received) {
        AlertEvent alert = AlertEvent.newBuilder()
                .setAlertId(type + "-" + received).setDedupKey(type + "|" + dimension).setType(type)
                .setSeverity(Severity.WARNING).setStatus(status).setDimension(dimension).setDimensionKey("claude-sonnet-4-5")
                .setWindowStartMillis(eventTime).setWindowEndMillis(eventTime).setObserved("0.4").setExpected("0.01")
                .setSummary(type + " on " + dimension).setDetectedAtMillis(received - 100).build();
        return new ReadAlert(alert, eventTime, received);
    }

    @Test
    void latencyIsUntilTheFirstAlertReadBackAndDelayIsTheEarliestDecisionInEventTime() {
        // Decided first in event time, but its partition was behind: it reached the topic last.
        ReadAlert decidedFirst = alert("error_rate", "model", AlertStatus.FIRING, START + 300, START + 2_900);
        ReadAlert readFirst = alert("quality_degradation", "model_prompt", AlertStatus.FIRING, START + 500, START + 1_100);

        DetectionBenchResult result = DetectionBenchmark.judge(List.of(ERROR_BURST), List.of(decidedFirst, readFirst),
                10_000, 100, 100);

        assertThat(result.detected()).isEqualTo(1);
        assertThat(result.alertLatencyP99Millis()).isEqualTo(1_100);
        assertThat(result.medianDelaySeconds()).isEqualTo(0.3);
        assertThat(result.perIncident().get(0))
                .containsEntry("first_alert", "quality_degradation model_prompt=claude-sonnet-4-5")
                .containsEntry("alert_latency_ms", 1_100L)
                .containsEntry("decided_after_ms", 1_000L)
                .containsEntry("delay_s", 0.3);
    }

    @Test
    void resolvedAlertsAndAlertsOfOtherKeysNeitherDetectNorCountAsFirst() {
        ReadAlert resolved = alert("error_rate", "model", AlertStatus.RESOLVED, START + 100, START + 400);
        ReadAlert otherKey = alert("error_rate", "feature", AlertStatus.FIRING, START + 200, START + 600);
        ReadAlert explained = alert("error_rate", "model", AlertStatus.FIRING, START + 700, START + 1_700);

        DetectionBenchResult result = DetectionBenchmark.judge(List.of(ERROR_BURST), List.of(resolved, otherKey, explained),
                10_000, 100, 100);

        assertThat(result.alertLatencyP99Millis()).isEqualTo(1_700);
        assertThat(result.medianDelaySeconds()).isEqualTo(0.7);
        assertThat(result.falseAlerts()).isEqualTo(1);
    }

    @Test
    void anIncidentNoAlertExplainsIsMissed() {
        DetectionBenchResult result = DetectionBenchmark.judge(List.of(ERROR_BURST),
                List.of(alert("error_rate", "model", AlertStatus.FIRING, START - 5_000, START - 4_000)), 10_000, 100, 100);

        assertThat(result.detected()).isZero();
        assertThat(result.perIncident().get(0)).containsEntry("detected", false);
    }
}
