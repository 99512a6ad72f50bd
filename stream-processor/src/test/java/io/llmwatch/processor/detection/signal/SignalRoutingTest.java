package io.llmwatch.processor.detection.signal;

import io.llmwatch.processor.cost.CostSample;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SignalRoutingTest {

    private static final CallSignal SCORED_CALL = new CallSignal(new CostSample("t-1", 1_000L, "acme", "u-1", "search",
            "production", "answer@2", "openai", "gpt-4o", new BigDecimal("0.0015"), 100, 50, 0, 300, false),
            "answer", 2, "ab".repeat(32), 40L, List.of(new NamedScore("heuristic.no_error", 1)), false);

    @Test
    void theJudgesGetTheWholeCallAndTheOthersItsMeasurements() {
        Map<String, CallSignal> routed = SignalRouting.route(SCORED_CALL).stream()
                .collect(Collectors.toMap(entry -> entry.key, entry -> entry.value));

        assertThat(routed).containsOnlyKeys("cost#feature|search", "cost#user|u-1", "cost#tenant|acme",
                "cost#model|gpt-4o", "cost#global|all", "timing#model|gpt-4o", "timing#provider|openai",
                "quality#gpt-4o|answer", "prompt#answer");
        assertThat(routed.get("quality#gpt-4o|answer")).isSameAs(SCORED_CALL);
        assertThat(routed.get("prompt#answer")).isSameAs(SCORED_CALL);
        CallSignal measurements = routed.get("cost#global|all");
        assertThat(measurements.sample()).isEqualTo(new CostSample("t-1", 1_000L, null, null, null, null, null, "openai",
                null, new BigDecimal("0.0015"), 100, 50, 0, 300, false));
        assertThat(measurements.timeToFirstTokenMillis()).isEqualTo(40L);
        assertThat(measurements.scores()).isEmpty();
        assertThat(measurements.promptName()).isNull();
        assertThat(measurements.promptSha256()).isNull();
        assertThat(routed.get("timing#model|gpt-4o")).isEqualTo(measurements);
    }

    @Test
    void lateFeedbackGoesOnlyToQuality() {
        List<KeyValue<String, CallSignal>> routed =
                SignalRouting.route(SCORED_CALL.withFeedback(new NamedScore("thumbs", 0.2)));

        assertThat(routed).extracting(entry -> entry.key).containsExactly("quality#gpt-4o|answer");
    }
}
