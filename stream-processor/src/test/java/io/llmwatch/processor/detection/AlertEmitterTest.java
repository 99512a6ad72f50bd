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

class AlertEmitterTest {

    private static final long SPACING = AlertEmitter.COMMIT_SPACING.toMillis();

    private final MockProcessorContext<String, AlertEvent> context = new MockProcessorContext<>();

    private AlertEmitter emitter(long wallClockMillis) {
        context.setCurrentSystemTimeMs(wallClockMillis);
        context.setCurrentStreamTimeMs(0);
        return new AlertEmitter(context);
    }

    private static AlertEvent alert(String dimensionKey) {
        return AlertEvent.newBuilder().setAlertId("a-" + dimensionKey).setDedupKey("cost_anomaly|user|" + dimensionKey + "|0")
                .setType("cost_anomaly").setSeverity(Severity.WARNING).setStatus(AlertStatus.FIRING).setDimension("user")
                .setDimensionKey(dimensionKey).setWindowStartMillis(0).setWindowEndMillis(1).setObserved("2").setExpected("1")
                .setSummary("s").setExemplarTraceIds(List.of()).setDetectedAtMillis(5).setAttributes(Map.of())
                .build();
    }

    @Test
    void anAlertIsForwardedUnderItsDedupKeyStampedWithTheStreamTimeAndCommittedAtOnce() {
        AlertEmitter alerts = emitter(50_000);
        context.setCurrentStreamTimeMs(1_000_000);

        alerts.emit(alert("u-1"), new Record<>("key", "call", 990_000));

        assertThat(context.forwarded()).singleElement().satisfies(forward -> {
            assertThat(forward.record().key()).isEqualTo("cost_anomaly|user|u-1|0");
            assertThat(forward.record().timestamp()).isEqualTo(1_000_000);
        });
        assertThat(context.committed()).isTrue();
    }

    @Test
    void aStormOfAlertsIsCommittedOncePerSpacingByThePunctuationNotOncePerAlert() {
        AlertEmitter alerts = emitter(50_000);
        alerts.emit(alert("u-1"), new Record<>("key", "call", 1));
        context.resetCommit();

        for (int user = 2; user <= 1_000; user++) {
            context.setCurrentSystemTimeMs(50_000 + user * (SPACING - 1) / 1_000);
            alerts.emit(alert("u-" + user), new Record<>("key", "call", 1));
        }

        assertThat(context.forwarded()).hasSize(1_000);
        assertThat(context.committed()).as("held back within the spacing").isFalse();
        assertThat(context.scheduledPunctuators()).singleElement()
                .satisfies(punctuator -> assertThat(punctuator.getInterval()).isEqualTo(AlertEmitter.COMMIT_SPACING));
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(50_000 + SPACING);
        assertThat(context.committed()).as("committed together by the punctuation").isTrue();
    }

    @Test
    void aPunctuationWithNothingHeldBackCommitsNothing() {
        AlertEmitter alerts = emitter(50_000);
        alerts.emit(alert("u-1"), new Record<>("key", "call", 1));
        context.resetCommit();

        context.scheduledPunctuators().get(0).getPunctuator().punctuate(50_000 + SPACING);

        assertThat(context.committed()).isFalse();
    }

    @Test
    void theFirstAlertAfterAQuietSpellIsCommittedAtOnce() {
        AlertEmitter alerts = emitter(50_000);
        alerts.emit(alert("u-1"), new Record<>("key", "call", 1));
        context.resetCommit();

        context.setCurrentSystemTimeMs(50_000 + SPACING);
        alerts.emit(alert("u-2"), new Record<>("key", "call", 1));

        assertThat(context.committed()).isTrue();
    }
}
