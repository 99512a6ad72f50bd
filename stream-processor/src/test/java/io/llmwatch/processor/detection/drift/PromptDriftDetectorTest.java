package io.llmwatch.processor.detection.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.processor.detection.comparison.SeriesWatch;
import io.llmwatch.processor.detection.lifecycle.AlertType;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.llmwatch.processor.serde.JsonSerde.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

class PromptDriftDetectorTest {

    private static final DriftSettings SETTINGS = DriftSettings.DEFAULTS;
    private static final PromptVersion V3 = new PromptVersion("9c0d11aa5e21f0b7c3d4e5f60718293a", 3);
    private static final PromptVersion V4 = new PromptVersion("3f2a9c1b07de44a1b2c3d4e5f6a7b8c9", 4);
    private static final PromptVersion V5 = new PromptVersion("77aa0123456789abcdef0123456789ab", 5);
    private static final BigDecimal INPUT_PRICE = new BigDecimal("0.0000025");
    private static final BigDecimal OUTPUT_PRICE = new BigDecimal("0.00001");

    private final PromptDriftDetector detector = new PromptDriftDetector(SETTINGS);
    private final Random random = new Random(7);
    private final List<Verdict> verdicts = new ArrayList<>();
    private PromptDriftState state;
    private long time;

    /** How a version's calls behave: typical latency, tokens and quality, each with realistic scatter. */
    private record Behaviour(double latencyMillis, double inputTokens, double outputTokens, double quality) {
        static final Behaviour USUAL = new Behaviour(800, 500, 200, 0.85);

        Behaviour withOutputTokens(double tokens) {
            return new Behaviour(latencyMillis, inputTokens, tokens, quality);
        }

        Behaviour withLatency(double millis) {
            return new Behaviour(millis, inputTokens, outputTokens, quality);
        }
    }

    private void calls(int count, PromptVersion version, Behaviour behaviour) {
        for (int i = 0; i < count; i++) {
            call(version, behaviour);
        }
    }

    private void call(PromptVersion version, Behaviour behaviour) {
        callAt(time, version, behaviour);
        time += 1_000;
    }

    private void callAt(long eventTimeMillis, PromptVersion version, Behaviour behaviour) {
        long input = Math.round(behaviour.inputTokens() * (1 + 0.1 * random.nextGaussian()));
        long output = Math.round(behaviour.outputTokens() * (1 + 0.2 * random.nextGaussian()));
        BigDecimal cost = INPUT_PRICE.multiply(BigDecimal.valueOf(input))
                .add(OUTPUT_PRICE.multiply(BigDecimal.valueOf(output)), MathContext.DECIMAL64);
        double latency = behaviour.latencyMillis() * Math.exp(0.3 * random.nextGaussian());
        double quality = Math.min(1, behaviour.quality() + 0.05 * random.nextGaussian());
        DetectorStep<PromptDriftState> step = detector.step(state,
                new PromptCall(version, eventTimeMillis, latency, input, output, cost, quality));
        state = step.state();
        verdicts.addAll(step.verdicts());
    }

    @Test
    void aSteadyPromptNeverFires() {
        calls(5_000, V3, Behaviour.USUAL);

        assertThat(verdicts).isEmpty();
        assertThat(detector.report(state).versionChange()).isNull();
        assertThat(detector.report(state).overTime().moved()).isEmpty();
    }

    @Test
    void aNewVersionThatBehavesTheSameIsQuiet() {
        calls(300, V3, Behaviour.USUAL);

        calls(1_000, V4, Behaviour.USUAL);

        assertThat(verdicts).isEmpty();
        DriftReport report = detector.report(state).versionChange();
        assertThat(report.indicators()).hasSize(Indicator.values().length);
        assertThat(report.moved()).isEmpty();
    }

    @Test
    void aNewVersionThatWritesLongerAnswersIsReportedWithTheIndicatorsThatMoved() {
        calls(300, V3, Behaviour.USUAL);

        calls(200, V4, Behaviour.USUAL.withOutputTokens(300));

        assertThat(verdicts).singleElement().satisfies(fired -> {
            assertThat(fired.type()).isEqualTo(AlertType.PROMPT_DRIFT);
            assertThat(fired.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(fired.severity()).isEqualTo(Severity.WARNING);
            assertThat(fired.evidence().pValue()).isLessThan(SETTINGS.criteria().alpha());
            assertThat(fired.summary()).startsWith("Prompt v4 (3f2a9c1b07de) against v3 (9c0d11aa5e21): output_tokens up");
        });
        DriftReport report = detector.report(state).versionChange();
        assertThat(report.moved()).extracting(IndicatorShift::indicator)
                .containsExactlyInAnyOrder(Indicator.OUTPUT_TOKENS, Indicator.COST_PER_CALL_USD);
        assertThat(report.moved()).allSatisfy(shift -> {
            assertThat(shift.direction()).isEqualTo(Direction.UP);
            assertThat(shift.worse()).isTrue();
            assertThat(shift.medianAfter()).isGreaterThan(shift.medianBefore());
        });
    }

    @Test
    void aCheaperVersionIsInformationNotAWarning() {
        calls(300, V3, Behaviour.USUAL);

        calls(200, V4, Behaviour.USUAL.withOutputTokens(100));

        assertThat(verdicts).singleElement().satisfies(fired -> {
            assertThat(fired.severity()).isEqualTo(Severity.INFO);
            assertThat(fired.summary()).contains("output_tokens down");
        });
    }

    @Test
    void aVersionThatSlowsDownOverTimeFiresAgainstItsOwnPast() {
        calls(400, V3, Behaviour.USUAL);

        calls(100, V3, Behaviour.USUAL.withLatency(2_000));

        assertThat(verdicts).singleElement().satisfies(fired -> {
            assertThat(fired.summary()).startsWith("Prompt v3 (9c0d11aa5e21) against its own earlier calls: latency_ms up");
            assertThat(fired.evidence().unit()).isEqualTo("ms");
        });
        assertThat(detector.report(state).overTime().moved()).extracting(IndicatorShift::indicator)
                .containsExactly(Indicator.LATENCY_MS);
    }

    /**
     * A prompt called 2,500 times a second (as the benchmark's summariser is) fills its 100-call recent window in 40 ms
     * and its baseline in 80 more, less than the spacing between two comparisons by event time: a jump in output tokens
     * could pass from one window into the other between two comparisons and never be seen.
     */
    @Test
    void aHotPromptsJumpIsSeenBeforeItFillsBothWindows() {
        for (int call = 0; call < 20_000; call++) {
            long eventTimeMillis = call * 2L / 5;
            callAt(eventTimeMillis, V3, call < 10_000 ? Behaviour.USUAL : Behaviour.USUAL.withOutputTokens(500));
        }

        assertThat(verdicts).singleElement().satisfies(fired -> {
            assertThat(fired.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(fired.summary()).contains("against its own earlier calls: output_tokens up");
            assertThat(fired.incident().startMillis()).isLessThan(4_000 + SeriesWatch.EVALUATION_SPACING_MILLIS);
        });
    }

    /**
     * The prompt's calls come from every input partition, here one 600 calls (seconds) behind the other, in alternating
     * batches: a slowdown from 1,000 s to 2,000 s fires once and resolves once, however the two eras interleave.
     */
    @Test
    void partitionsProcessedAtDifferentPacesFireAndResolveADriftOnce() {
        for (long leading = 0; leading < 3_600; leading += 300) {
            secondsOfCalls(leading, 300);
            secondsOfCalls(leading - 600, 300);
        }

        assertThat(verdicts).extracting(Verdict::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    }

    /** A call a second of V3 from {@code fromSecond} for {@code seconds}, slower from 1,000 s to 2,000 s. */
    private void secondsOfCalls(long fromSecond, long seconds) {
        for (long second = Math.max(0, fromSecond); second < fromSecond + seconds; second++) {
            callAt(second * 1_000, V3, second >= 1_000 && second < 2_000 ? Behaviour.USUAL.withLatency(2_000) : Behaviour.USUAL);
        }
    }

    @Test
    void aNewVersionResolvesTheAlertsAboutTheOldOne() {
        calls(300, V3, Behaviour.USUAL);
        calls(200, V4, Behaviour.USUAL.withOutputTokens(300));
        Verdict fired = verdicts.get(0);

        call(V5, Behaviour.USUAL.withOutputTokens(300));

        assertThat(verdicts).hasSize(2);
        assertThat(verdicts.get(1).status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(verdicts.get(1).incident().id()).isEqualTo(fired.incident().id());
        assertThat(verdicts.get(1).summary()).endsWith("superseded by a new version");
        assertThat(state.previous().version()).isEqualTo(V4);
    }

    @Test
    void aCanaryRunningBothVersionsKeepsBothSamples() {
        calls(300, V3, Behaviour.USUAL);

        for (int i = 0; i < 300; i++) {
            call(V3, Behaviour.USUAL);
            call(V4, Behaviour.USUAL.withOutputTokens(300));
        }

        assertThat(state.previous().version()).isEqualTo(V3);
        assertThat(state.current().version()).isEqualTo(V4);
        assertThat(verdicts).extracting(Verdict::status).containsExactly(AlertStatus.FIRING);
    }

    @Test
    void stateStaysBoundedAfter100kCallsAcrossManyVersions() {
        for (int i = 0; i < 100; i++) {
            calls(1_000, new PromptVersion("hash-" + i, i), Behaviour.USUAL);
        }

        for (VersionSamples samples : List.of(state.previous(), state.current())) {
            assertThat(samples.indicators().values()).allSatisfy(windows -> {
                assertThat(windows.recent().count()).isEqualTo(SETTINGS.windows().recent());
                assertThat(windows.baseline().count()).isEqualTo(SETTINGS.windows().baseline());
            });
        }
    }

    @Test
    void stateSurvivesAJsonRoundTrip() throws Exception {
        calls(300, V3, Behaviour.USUAL);
        calls(200, V4, Behaviour.USUAL.withOutputTokens(300));

        PromptDriftState read = MAPPER.readValue(MAPPER.writeValueAsBytes(state), PromptDriftState.class);

        assertThat(read).isEqualTo(state);
    }

    @Test
    void theReportSerialisesForTheDriftApi() throws Exception {
        calls(300, V3, Behaviour.USUAL);
        calls(200, V4, Behaviour.USUAL.withOutputTokens(300));
        PromptDrift drift = detector.report(state);

        JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(drift));

        JsonNode outputTokens = json.at("/versionChange/indicators/2");
        assertThat(json.at("/versionChange/comparison").textValue()).isEqualTo("version_change");
        assertThat(json.at("/versionChange/after/number").intValue()).isEqualTo(4);
        assertThat(outputTokens.get("indicator").textValue()).isEqualTo("output_tokens");
        assertThat(outputTokens.get("direction").textValue()).isEqualTo("up");
        assertThat(outputTokens.get("moved").booleanValue()).isTrue();
        assertThat(outputTokens.get("medianAfter").isNumber()).isTrue();
        assertThat(MAPPER.treeToValue(json, PromptDrift.class)).isEqualTo(drift);
    }
}
