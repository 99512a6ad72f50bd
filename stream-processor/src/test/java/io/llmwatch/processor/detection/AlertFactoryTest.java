package io.llmwatch.processor.detection;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertFactoryTest {

    private final MockProcessorContext<String, String> context = new MockProcessorContext<>();

    @Test
    void anAlertDecidedByACallOfALaggingPartitionCarriesTheNewestEventTimeAlreadySeen() {
        context.setCurrentStreamTimeMs(1_000_000);

        long stamped = AlertFactory.decidedAt(context, new Record<>("key", "late call", 990_000));

        assertThat(stamped).isEqualTo(1_000_000);
    }

    @Test
    void anAlertDecidedByTheNewestCallCarriesItsEventTime() {
        context.setCurrentStreamTimeMs(1_000_000);

        assertThat(AlertFactory.decidedAt(context, new Record<>("key", "newest call", 1_000_500))).isEqualTo(1_000_500);
    }

    @Test
    void anEmittedAlertIsForwardedUnderItsDedupKeyAndACommitIsRequested() {
        MockProcessorContext<String, AlertEvent> alerts = new MockProcessorContext<>();
        alerts.setCurrentStreamTimeMs(1_000_000);
        AlertEvent alert = AlertEvent.newBuilder().setAlertId("a-1").setDedupKey("cost_spike|feature|search|0")
                .setType("cost_spike").setSeverity(Severity.WARNING).setStatus(AlertStatus.FIRING).setDimension("feature")
                .setDimensionKey("search").setWindowStartMillis(0).setWindowEndMillis(1).setObserved("2").setExpected("1")
                .setSummary("s").setExemplarTraceIds(List.of()).setDetectedAtMillis(5).setAttributes(Map.of())
                .build();

        AlertFactory.emit(alerts, alert, new Record<>("key", "call", 990_000));

        assertThat(alerts.forwarded()).singleElement().satisfies(forward -> {
            assertThat(forward.record().key()).isEqualTo("cost_spike|feature|search|0");
            assertThat(forward.record().timestamp()).isEqualTo(1_000_000);
        });
        assertThat(alerts.committed()).isTrue();
    }
}
