package io.llmwatch.processor.detection.regression;

import io.llmwatch.processor.detection.comparison.SeriesState;
import io.llmwatch.processor.detection.comparison.SeriesWatch;
import io.llmwatch.processor.detection.lifecycle.AlertType;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.llmwatch.processor.serde.JsonSerde.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

class LatencyRegressionDetectorTest {

    private static final LatencySettings SETTINGS = LatencySettings.DEFAULTS;

    private final Random random = new Random(3);
    private final List<Verdict> verdicts = new ArrayList<>();
    private LatencyRegressionDetector detector = new LatencyRegressionDetector(TimingMetric.LATENCY, SETTINGS);
    private SeriesState state;
    private long time;

    /** Log-normal timings around a median, with the occasional timeout a real provider has. */
    private void calls(int count, double medianMillis) {
        for (int i = 0; i < count; i++) {
            double millis = random.nextInt(200) == 0 ? 30_000 : medianMillis * Math.exp(0.4 * random.nextGaussian());
            DetectorStep<SeriesState> step = detector.step(state, new Timing(time, "trace-" + time, millis));
            time += 100;
            state = step.state();
            verdicts.addAll(step.verdicts());
        }
    }

    @Test
    void steadyLatencyWithTimeoutsNeverFires() {
        calls(20_000, 900);

        assertThat(verdicts).isEmpty();
    }

    @Test
    void aSlowdownFiresOnceWithASignificantTestAndCitesSlowTraces() {
        calls(1_000, 900);

        calls(100, 2_000);

        assertThat(verdicts).singleElement().satisfies(fired -> {
            assertThat(fired.type()).isEqualTo(AlertType.LATENCY_REGRESSION);
            assertThat(fired.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(fired.severity()).isEqualTo(Severity.WARNING);
            assertThat(fired.evidence().pValue()).isLessThan(SETTINGS.criteria().alpha());
            assertThat(fired.evidence().unit()).isEqualTo("ms");
            assertThat(fired.evidence().exemplarTraceIds()).hasSize(5);
            assertThat(fired.summary()).startsWith("Latency regressed: median ");
        });
    }

    /**
     * A model called 20,000 times a second turns its recent window over in 5 ms and its baseline in 20 more, far less
     * than the spacing between two comparisons by event time: a slowdown could pass from one window into the other
     * between two comparisons and never be seen.
     */
    @Test
    void aHotModelsSlowdownIsSeenBeforeItFillsBothWindows() {
        for (int call = 0; call < 400_000; call++) {
            double median = call < 200_000 ? 900 : 2_000;
            DetectorStep<SeriesState> step = detector.step(state,
                    new Timing(call / 20 + 3, "trace-" + call, median * Math.exp(0.4 * random.nextGaussian())));
            state = step.state();
            verdicts.addAll(step.verdicts());
        }

        assertThat(verdicts).singleElement().satisfies(fired -> {
            assertThat(fired.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(fired.incident().startMillis()).isLessThan(10_003 + SeriesWatch.EVALUATION_SPACING_MILLIS);
        });
    }

    @Test
    void aSmallSlowdownUsersDoNotFeelStaysQuietHoweverSignificant() {
        calls(1_000, 900);

        calls(5_000, 1_100);

        assertThat(verdicts).isEmpty();
    }

    @Test
    void aStallIsCriticalAndResolvesUnderTheSameIncidentWhenLatencyRecovers() {
        calls(1_000, 900);
        calls(300, 5_000);
        calls(300, 900);

        assertThat(verdicts).extracting(Verdict::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(verdicts.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(verdicts.get(1).incident().id()).isEqualTo(verdicts.get(0).incident().id());
    }

    @Test
    void timeToFirstTokenRaisesItsOwnAlertType() {
        detector = new LatencyRegressionDetector(TimingMetric.TIME_TO_FIRST_TOKEN, SETTINGS);
        calls(1_000, 300);

        calls(100, 900);

        assertThat(verdicts).singleElement().satisfies(fired -> {
            assertThat(fired.type()).isEqualTo(AlertType.TTFT_REGRESSION);
            assertThat(fired.summary()).startsWith("Time to first token regressed");
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void latencyHoveringAtTheFiringRatioFiresAtMostOnce(long seed) {
        random.setSeed(seed);
        calls(1_000, 900);

        calls(20_000, 900 * SETTINGS.fireRatio());

        assertThat(verdicts.stream().filter(v -> v.status() == AlertStatus.FIRING)).hasSizeLessThanOrEqualTo(1);
    }

    /**
     * A key's calls come from every input partition, and a backlogged processor runs them at different paces: here one
     * partition delivers calls 30 s older than the other's, in alternating batches of 4 s. The slowdown from 200 s to
     * 300 s must fire once and resolve once: the lagging partition's calls from before it began must not resolve it,
     * nor its calls from during it fire it again after it resolved.
     */
    @Test
    void partitionsProcessedAtDifferentPacesFireAndResolveAnIncidentOnce() {
        long lagMillis = 30_000;
        long batchMillis = 4_000;
        for (long leading = 0; leading < 500_000; leading += batchMillis) {
            timed(leading, batchMillis);
            timed(leading - lagMillis, batchMillis);
        }

        assertThat(verdicts).extracting(Verdict::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(verdicts.get(1).incident().id()).isEqualTo(verdicts.get(0).incident().id());
    }

    /** 50 calls a second from {@code fromMillis} for {@code lengthMillis}, three times slower from 200 s to 300 s. */
    private void timed(long fromMillis, long lengthMillis) {
        for (long at = Math.max(0, fromMillis); at < fromMillis + lengthMillis; at += 20) {
            double median = at >= 200_000 && at < 300_000 ? 2_700 : 900;
            DetectorStep<SeriesState> step = detector.step(state,
                    new Timing(at, "trace-" + at, median * Math.exp(0.4 * random.nextGaussian())));
            state = step.state();
            verdicts.addAll(step.verdicts());
        }
    }

    @Test
    void stateStaysBoundedAfter100kCalls() {
        calls(100_000, 900);

        assertThat(state.windows().recent().count()).isEqualTo(SETTINGS.windows().recent());
        assertThat(state.windows().baseline().count()).isEqualTo(SETTINGS.windows().baseline());
    }

    @Test
    void stateSurvivesAJsonRoundTrip() throws Exception {
        calls(1_000, 900);
        calls(100, 2_000);

        assertThat(MAPPER.readValue(MAPPER.writeValueAsBytes(state), SeriesState.class)).isEqualTo(state);
    }
}
