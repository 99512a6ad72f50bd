package io.llmwatch.processor.detection.signal;

import io.llmwatch.processor.cost.CostSample;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CallSignalSerdeTest {

    private final CallSignalSerde serde = new CallSignalSerde();

    private CallSignal roundTrip(CallSignal signal) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", signal));
    }

    @Test
    void aFullSignalSurvivesWithExactMoney() {
        CallSignal signal = new CallSignal(new CostSample("trace", 1_700_000_000_123L, "acme", "u-1", "support-chat",
                "production", "support-answer@3", "openai", "gpt-4o", new BigDecimal("0.000012345678901234567890"),
                1_200, 300, 1_000, 850, true), "support-answer", 3, "ab".repeat(32), 120L,
                List.of(new NamedScore("helpfulness", 0.75), new NamedScore("heuristic.no_error", 0)), false);

        CallSignal read = roundTrip(signal);

        assertThat(read).isEqualTo(signal);
        assertThat(read.sample().costUsd()).isEqualTo(new BigDecimal("0.000012345678901234567890"));
    }

    @Test
    void absentFieldsStayAbsent() {
        CallSignal signal = new CallSignal(new CostSample("trace", 1L, null, null, null, null, null, null, "mystery-model",
                null, 0, 0, 0, 0, false), null, null, null, null, List.of(), true);

        assertThat(roundTrip(signal)).isEqualTo(signal);
    }
}
