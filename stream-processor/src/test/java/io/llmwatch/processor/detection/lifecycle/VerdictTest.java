package io.llmwatch.processor.detection.lifecycle;

import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.llmwatch.processor.serde.JsonSerde.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerdictTest {

    private static Verdict verdict(AlertStatus status, String incidentId) {
        return new Verdict(AlertType.LATENCY_REGRESSION, Severity.WARNING, status, new Incident(incidentId, 1_000, 2_000),
                new Evidence("1800", "900", "ms", 0.6, 1e-9, List.of("trace-1")), "Latency regressed");
    }

    @Test
    void theDedupKeyIsTheSameForTheFiringAndTheResolutionOfOneIncident() {
        String fired = verdict(AlertStatus.FIRING, "1000").dedupKey("model_provider", "gpt-4o|openai");
        String resolved = verdict(AlertStatus.RESOLVED, "1000").dedupKey("model_provider", "gpt-4o|openai");

        assertThat(fired).isEqualTo(resolved).isEqualTo("latency_regression|model_provider|gpt-4o|openai|1000");
        assertThat(verdict(AlertStatus.FIRING, "5000").dedupKey("model_provider", "gpt-4o|openai")).isNotEqualTo(fired);
    }

    @Test
    void theDedupKeyFitsPagerDutysLimit() {
        String key = verdict(AlertStatus.FIRING, "1000").dedupKey("prompt", "p".repeat(400));

        assertThat(key).hasSize(Verdict.MAX_DEDUP_KEY_LENGTH).startsWith("latency_regression|prompt|ppp");
    }

    @Test
    void eachSeriesOfAKeyHasItsOwnDedupKeyAndSaysWhichItIs() {
        Verdict truncation = verdict(AlertStatus.FIRING, "1000").forSubject("heuristic.not_truncated");
        Verdict thumbs = verdict(AlertStatus.FIRING, "1000").forSubject("thumbs");

        assertThat(truncation.dedupKey("model_prompt", "gpt-4o|support@3"))
                .isEqualTo("latency_regression|model_prompt|gpt-4o|support@3|heuristic.not_truncated@1000")
                .isNotEqualTo(thumbs.dedupKey("model_prompt", "gpt-4o|support@3"));
        assertThat(truncation.summary()).startsWith("heuristic.not_truncated: ");
    }

    @ParameterizedTest
    @EnumSource(AlertType.class)
    void everyAlertTypeHasAWireNameAndARunbookHint(AlertType type) throws Exception {
        assertThat(type.wireName()).matches("[a-z_]+");
        assertThat(type.runbookHint()).isNotBlank().endsWith(".");
        assertThat(MAPPER.writeValueAsString(type)).isEqualTo("\"" + type.wireName() + "\"");
    }

    @Test
    void anIncidentCannotEndBeforeItStarts() {
        assertThatThrownBy(() -> new Incident("1", 2, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
