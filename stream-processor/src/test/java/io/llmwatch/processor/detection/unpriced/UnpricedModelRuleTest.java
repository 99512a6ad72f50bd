package io.llmwatch.processor.detection.unpriced;

import io.llmwatch.processor.detection.lifecycle.AlertType;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.schemas.alert.AlertStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.llmwatch.processor.serde.JsonSerde.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

class UnpricedModelRuleTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final UnpricedModelRule rule = new UnpricedModelRule(UnpricedModelRule.DEFAULT_WINDOW);
    private final List<Verdict> verdicts = new ArrayList<>();
    private UnpricedModelState state;

    private void call(long eventTimeMillis) {
        DetectorStep<UnpricedModelState> step = rule.step(state,
                new UnpricedCall("openai", "gpt-9-preview", eventTimeMillis, "trace-" + eventTimeMillis));
        state = step.state();
        verdicts.addAll(step.verdicts());
    }

    @Test
    void namesTheModelOncePerWindow() {
        for (long t = 0; t < 3 * HOUR; t += 1_000) {
            call(t);
        }

        assertThat(verdicts).hasSize(3).allSatisfy(verdict -> {
            assertThat(verdict.type()).isEqualTo(AlertType.UNPRICED_MODEL);
            assertThat(verdict.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(verdict.summary()).startsWith("No price is known for model gpt-9-preview of provider openai");
        });
        assertThat(verdicts).extracting(verdict -> verdict.incident().startMillis()).containsExactly(0L, HOUR, 2 * HOUR);
        assertThat(verdicts.get(0).evidence().exemplarTraceIds()).containsExactly("trace-0");
    }

    @Test
    void lateCallsForAWindowAlreadyReportedAreQuiet() {
        call(2 * HOUR);

        call(HOUR);

        assertThat(verdicts).hasSize(1);
    }

    @Test
    void stateIsOneNumberAndSurvivesAJsonRoundTrip() throws Exception {
        for (long t = 0; t < 100_000; t++) {
            call(t * 60_000);
        }

        assertThat(MAPPER.readValue(MAPPER.writeValueAsBytes(state), UnpricedModelState.class)).isEqualTo(state);
        assertThat(MAPPER.writeValueAsString(state)).isEqualTo("{\"alertedWindowStartMillis\":" + (99_999L * 60_000 / HOUR * HOUR) + "}");
    }
}
