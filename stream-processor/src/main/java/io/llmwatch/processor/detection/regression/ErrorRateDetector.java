package io.llmwatch.processor.detection.regression;

import io.llmwatch.processor.detection.comparison.SeriesState;
import io.llmwatch.processor.detection.comparison.SeriesWatch;
import io.llmwatch.processor.detection.comparison.Shift;
import io.llmwatch.processor.detection.lifecycle.AlertType;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.lifecycle.Evidence;
import io.llmwatch.processor.detection.lifecycle.Hysteresis.Transition;
import io.llmwatch.processor.detection.lifecycle.Reading;
import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import org.apache.commons.math3.stat.descriptive.moment.Mean;

import java.util.Locale;
import java.util.Objects;

import static io.llmwatch.processor.detection.lifecycle.NumberText.decimal;
import static io.llmwatch.processor.detection.lifecycle.NumberText.pValue;

/**
 * Watches the error rate of one model × provider and fires when the newest calls fail more often than the calls
 * before them. Each call is a 1 (failed) or a 0, so a window's mean is its error rate, and the tie-corrected
 * Mann–Whitney test on such values is the pooled two-proportion z-test (its variance differs by a factor
 * N / (N - 1), nothing at these sizes). A rise must be significant and at least five percentage points, so a key
 * that always fails a little does not page anyone.
 *
 * <p>Stateless itself: the state goes in and comes out, so it can live in a state store.
 */
public final class ErrorRateDetector {

    private static final String UNIT = "error rate";

    private final ErrorRateSettings settings;
    private final SeriesWatch watch;

    public ErrorRateDetector(ErrorRateSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.watch = new SeriesWatch(settings.windows(), settings.criteria().minimumSamples(), settings.evaluateEvery(),
                settings.lifecycle(),
                new MoreFailures(settings));
    }

    /** A rise breaches when significant and large enough; recovery is a rate close to the baseline's again. */
    private record MoreFailures(ErrorRateSettings settings) implements SeriesWatch.Rule {

        @Override
        public Reading read(Shift shift) {
            if (settings.criteria().rose(shift)) {
                return Reading.BREACHED;
            }
            return shift.afterMean() - shift.beforeMean() < settings.resolveIncrease() ? Reading.CLEAR : Reading.BORDERLINE;
        }

        @Override
        public boolean exemplary(double failed, Shift shift) {
            return failed > 0;
        }
    }

    /**
     * Takes one call's outcome into account.
     *
     * @param previous the state returned for the previous call of this key, or {@code null} for its first
     */
    public DetectorStep<SeriesState> step(SeriesState previous, CallOutcome outcome) {
        SeriesWatch.Step step = watch.observe(previous, outcome.eventTimeMillis(), outcome.traceId(), outcome.asValue());
        return DetectorStep.of(step.state(), step.transition().map(
                transition -> verdict(transition, step.shift().orElseThrow(), step.state())));
    }

    private Verdict verdict(Transition transition, Shift shift, SeriesState state) {
        Evidence evidence = new Evidence(decimal(shift.afterMean()), decimal(shift.beforeMean()), UNIT,
                shift.cliffsDelta(), shift.pValue(), state.exemplars().traceIds());
        if (transition.status() == AlertStatus.RESOLVED) {
            return new Verdict(AlertType.ERROR_RATE, Severity.INFO, AlertStatus.RESOLVED, transition.incident(), evidence,
                    String.format(Locale.ROOT, "Error rate back to %s against %s before the incident",
                            percent(shift.afterMean()), percent(shift.beforeMean())));
        }
        double newestRate = new Mean().evaluate(state.windows().recent().newest(settings.criteria().minimumSamples()));
        String summary = String.format(Locale.ROOT, "Error rate rose to %s from %s: two-proportion test p=%s, "
                        + "%d recent against %d earlier calls",
                percent(shift.afterMean()), percent(shift.beforeMean()), pValue(shift.pValue()), shift.afterCount(),
                shift.beforeCount());
        return new Verdict(AlertType.ERROR_RATE, newestRate >= settings.criticalRate() ? Severity.CRITICAL : Severity.WARNING,
                AlertStatus.FIRING, transition.incident(), evidence, summary);
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }
}
