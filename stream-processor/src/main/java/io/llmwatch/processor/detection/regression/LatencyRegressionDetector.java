package io.llmwatch.processor.detection.regression;

import io.llmwatch.processor.detection.comparison.SeriesState;
import io.llmwatch.processor.detection.comparison.SeriesWatch;
import io.llmwatch.processor.detection.comparison.Shift;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.lifecycle.Evidence;
import io.llmwatch.processor.detection.lifecycle.Hysteresis.Transition;
import io.llmwatch.processor.detection.lifecycle.Reading;
import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import org.apache.commons.math3.stat.descriptive.rank.Median;

import java.util.Locale;
import java.util.Objects;

import static io.llmwatch.processor.detection.lifecycle.NumberText.decimal;
import static io.llmwatch.processor.detection.lifecycle.NumberText.pValue;

/**
 * Watches the latency (or time to first token) of one model × provider and fires when calls got slower. The baseline
 * is the median of the calls before the recent window: robust, so a few timeouts do not move it. A slowdown must be
 * felt (recent median at least 1.5 × the baseline median), real (Mann–Whitney U test) and broad (a minimum Cliff's δ,
 * so a slower tail alone does not fire). The baseline holds still during an incident.
 *
 * <p>Stateless itself: the state goes in and comes out, so it can live in a state store.
 */
public final class LatencyRegressionDetector {

    private static final String UNIT = "ms";

    private final TimingMetric metric;
    private final LatencySettings settings;
    private final SeriesWatch watch;

    public LatencyRegressionDetector(TimingMetric metric, LatencySettings settings) {
        this.metric = Objects.requireNonNull(metric, "metric");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.watch = new SeriesWatch(settings.windows(), settings.criteria().minimumSamples(), settings.evaluateEvery(),
                settings.lifecycle(),
                new Slowdown(settings));
    }

    /** A slowdown breaches when felt, significant and broad; recovery is a median close to the baseline again. */
    private record Slowdown(LatencySettings settings) implements SeriesWatch.Rule {

        @Override
        public Reading read(Shift shift) {
            if (shift.medianRatio() >= settings.fireRatio() && settings.criteria().rose(shift)) {
                return Reading.BREACHED;
            }
            return shift.medianRatio() <= settings.resolveRatio() ? Reading.CLEAR : Reading.BORDERLINE;
        }

        @Override
        public boolean exemplary(double millis, Shift shift) {
            return millis >= settings.fireRatio() * shift.beforeMedian();
        }
    }

    /**
     * Takes one call's timing into account.
     *
     * @param previous the state returned for the previous timing of this key, or {@code null} for its first
     */
    public DetectorStep<SeriesState> step(SeriesState previous, Timing timing) {
        SeriesWatch.Step step = watch.observe(previous, timing.eventTimeMillis(), timing.traceId(), timing.millis());
        return DetectorStep.of(step.state(), step.transition().map(
                transition -> verdict(transition, step.shift().orElseThrow(), step.state())));
    }

    private Verdict verdict(Transition transition, Shift shift, SeriesState state) {
        Evidence evidence = new Evidence(decimal(shift.afterMedian()), decimal(shift.beforeMedian()), UNIT,
                shift.cliffsDelta(), shift.pValue(), state.exemplars().traceIds());
        if (transition.status() == AlertStatus.RESOLVED) {
            return new Verdict(metric.alertType(), Severity.INFO, AlertStatus.RESOLVED, transition.incident(), evidence,
                    String.format(Locale.ROOT, "%s back to normal: median %s ms against %s ms before the incident",
                            metric.title(), decimal(shift.afterMedian()), decimal(shift.beforeMedian())));
        }
        // The recent window still holds calls from before the slowdown; the newest few say how bad it is now.
        double newestMedian = new Median().evaluate(state.windows().recent().newest(settings.criteria().minimumSamples()));
        boolean critical = newestMedian >= settings.criticalRatio() * shift.beforeMedian();
        String summary = String.format(Locale.ROOT, "%s regressed: median %s ms against %s ms (x%s), Mann-Whitney p=%s, "
                        + "Cliff's delta %s, %d recent against %d earlier calls",
                metric.title(), decimal(shift.afterMedian()), decimal(shift.beforeMedian()), decimal(shift.medianRatio()),
                pValue(shift.pValue()), decimal(shift.cliffsDelta()), shift.afterCount(), shift.beforeCount());
        return new Verdict(metric.alertType(), critical ? Severity.CRITICAL : Severity.WARNING, AlertStatus.FIRING,
                transition.incident(), evidence, summary);
    }
}
