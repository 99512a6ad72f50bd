package io.llmwatch.processor.detection.quality;

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
import static io.llmwatch.processor.detection.lifecycle.NumberText.percentChange;

/**
 * Watches the quality scores of one model × prompt version (one score name per key, so a truncation check and a
 * helpfulness rating are never averaged together) and fires when the newest scores are worse than the ones before.
 *
 * <p>A drop must pass three tests at once: the seed's rule (recent mean under 0.85 × the baseline mean, with enough
 * scores on both sides), a Mann–Whitney U test (the drop is not chance) and a minimum Cliff's δ (the drop is large
 * enough to matter). While an incident is open the baseline holds still, so a lasting drop keeps firing until
 * quality recovers instead of becoming the new normal.
 *
 * <p>Stateless itself: the state goes in and comes out, so it can live in a state store.
 */
public final class QualityDegradationDetector {

    private static final String UNIT = "score";

    private final QualitySettings settings;
    private final SeriesWatch watch;

    public QualityDegradationDetector(QualitySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.watch = new SeriesWatch(settings.windows(), settings.criteria().minimumSamples(), settings.evaluateEvery(),
                settings.lifecycle(),
                new Drop(settings));
    }

    /** A drop breaches when it passes the seed rule, the test and the effect size; recovery is a mean near the old one. */
    private record Drop(QualitySettings settings) implements SeriesWatch.Rule {

        @Override
        public Reading read(Shift shift) {
            if (shift.afterMean() < settings.floorRatio() * shift.beforeMean() && settings.criteria().fell(shift)) {
                return Reading.BREACHED;
            }
            return shift.afterMean() >= settings.resolveRatio() * shift.beforeMean() ? Reading.CLEAR : Reading.BORDERLINE;
        }

        @Override
        public boolean exemplary(double score, Shift shift) {
            return score < settings.floorRatio() * shift.beforeMean();
        }
    }

    /**
     * Takes one score into account.
     *
     * @param previous the state returned for the previous score of this key, or {@code null} for its first
     */
    public DetectorStep<SeriesState> step(SeriesState previous, QualityScore score) {
        SeriesWatch.Step step = watch.observe(previous, score.eventTimeMillis(), score.traceId(), score.value());
        return DetectorStep.of(step.state(), step.transition().map(
                transition -> verdict(transition, step.shift().orElseThrow(), step.state())));
    }

    private Verdict verdict(Transition transition, Shift shift, SeriesState state) {
        Evidence evidence = new Evidence(decimal(shift.afterMean()), decimal(shift.beforeMean()), UNIT,
                shift.cliffsDelta(), shift.pValue(), state.exemplars().traceIds());
        if (transition.status() == AlertStatus.RESOLVED) {
            return new Verdict(AlertType.QUALITY_DEGRADATION, Severity.INFO, AlertStatus.RESOLVED, transition.incident(),
                    evidence, String.format(Locale.ROOT, "Quality recovered: mean score %s against %s before the incident",
                            decimal(shift.afterMean()), decimal(shift.beforeMean())));
        }
        // The alert fires while the recent window still holds scores from before the drop, so severity looks at the
        // newest few scores only: how bad it is right now.
        double newestMean = new Mean().evaluate(state.windows().recent().newest(settings.criteria().minimumSamples()));
        boolean critical = newestMean < settings.criticalRatio() * shift.beforeMean();
        String summary = String.format(Locale.ROOT, "Quality fell to a mean score of %s from %s (%s): Mann-Whitney p=%s, "
                        + "Cliff's delta %s, %d recent against %d earlier scores",
                decimal(shift.afterMean()), decimal(shift.beforeMean()), percentChange(shift.beforeMean(), shift.afterMean()),
                pValue(shift.pValue()), decimal(shift.cliffsDelta()), shift.afterCount(), shift.beforeCount());
        return new Verdict(AlertType.QUALITY_DEGRADATION, critical ? Severity.CRITICAL : Severity.WARNING,
                AlertStatus.FIRING, transition.incident(), evidence, summary);
    }
}
