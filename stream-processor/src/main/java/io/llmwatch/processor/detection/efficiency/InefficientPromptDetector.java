package io.llmwatch.processor.detection.efficiency;

import io.llmwatch.processor.detection.comparison.Shift;
import io.llmwatch.processor.detection.lifecycle.AlertType;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.lifecycle.Evidence;
import io.llmwatch.processor.detection.lifecycle.Hysteresis;
import io.llmwatch.processor.detection.lifecycle.Hysteresis.Transition;
import io.llmwatch.processor.detection.lifecycle.Incident;
import io.llmwatch.processor.detection.lifecycle.Reading;
import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import org.apache.commons.math3.stat.descriptive.rank.Median;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import static io.llmwatch.processor.detection.lifecycle.NumberText.decimal;
import static io.llmwatch.processor.detection.lifecycle.NumberText.pValue;

/**
 * Watches the versions of one prompt (keyed by prompt name) and points out a version that buys clearly less quality
 * per dollar than its best sibling: each scored, priced call contributes quality ÷ cost, and a version fires when its
 * median is at most half the best version's, significantly (Mann–Whitney U) and by a real margin (Cliff's δ). The
 * best sibling is the remembered version with the highest median among those with enough calls. An optimisation
 * hint rather than an outage, so the alert is information. It resolves when the version catches up, or when it stops
 * being used and is forgotten.
 *
 * <p>Calls that cost nothing (fully cached, free tier) have no quality per dollar and are skipped.
 *
 * <p>Stateless itself: the state goes in and comes out, so it can live in a state store.
 */
public final class InefficientPromptDetector {

    private static final String UNIT = "quality per USD";

    private final EfficiencySettings settings;
    private final Hysteresis hysteresis;

    public InefficientPromptDetector(EfficiencySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hysteresis = new Hysteresis(settings.lifecycle());
    }

    /**
     * Takes one scored, priced call into account.
     *
     * @param previous the state returned for the previous call of this prompt, or {@code null} for its first
     */
    public DetectorStep<InefficientPromptState> step(InefficientPromptState previous, VersionOutcome outcome) {
        InefficientPromptState state = previous == null ? InefficientPromptState.start() : previous;
        if (outcome.costUsd().signum() <= 0) {
            return DetectorStep.quiet(state);
        }
        List<VersionEfficiency> siblings = new ArrayList<>(state.versions());
        VersionEfficiency known = siblings.stream().filter(v -> v.version().equals(outcome.version())).findFirst()
                .orElse(VersionEfficiency.first(outcome.version()));
        siblings.remove(known);
        VersionEfficiency observed = new VersionEfficiency(known.version(),
                Math.max(known.lastSeenMillis(), outcome.eventTimeMillis()),
                known.qualityPerDollar().append(outcome.quality() / outcome.costUsd().doubleValue(),
                        settings.samplesPerVersion()),
                known.lifecycle());

        List<Verdict> verdicts = new ArrayList<>();
        Optional<Gap> gap = gapToBest(observed, siblings);
        Hysteresis.Step lifecycle = hysteresis.step(observed.lifecycle(), gap.map(this::read).orElse(Reading.BORDERLINE),
                outcome.eventTimeMillis());
        lifecycle.transition().ifPresent(transition -> verdicts.add(verdict(transition, gap.orElseThrow())));

        List<VersionEfficiency> versions = new ArrayList<>(siblings);
        versions.add(new VersionEfficiency(observed.version(), observed.lastSeenMillis(), observed.qualityPerDollar(),
                lifecycle.state()));
        forgetUnused(versions, outcome.eventTimeMillis(), verdicts);
        return new DetectorStep<>(new InefficientPromptState(versions), verdicts);
    }

    /** A version against the best of its siblings: {@code shift} goes from the best one to this one. */
    private record Gap(String version, String bestVersion, Shift shift) {
    }

    private Optional<Gap> gapToBest(VersionEfficiency version, List<VersionEfficiency> siblings) {
        if (version.qualityPerDollar().count() < settings.criteria().minimumSamples()) {
            return Optional.empty();
        }
        return siblings.stream()
                .filter(sibling -> sibling.qualityPerDollar().count() >= settings.criteria().minimumSamples())
                .max(Comparator.comparingDouble(sibling -> new Median().evaluate(sibling.qualityPerDollar().toArray())))
                .map(best -> new Gap(version.version(), best.version(),
                        Shift.between(best.qualityPerDollar().toArray(), version.qualityPerDollar().toArray())));
    }

    private Reading read(Gap gap) {
        Shift shift = gap.shift();
        if (shift.medianRatio() <= settings.fireRatio() && settings.criteria().fell(shift)) {
            return Reading.BREACHED;
        }
        return shift.medianRatio() >= settings.resolveRatio() ? Reading.CLEAR : Reading.BORDERLINE;
    }

    /**
     * Forgets versions unused for {@code retireAfter}, then the least recently used beyond {@code maxVersions}; an
     * alert about a forgotten version resolves, since no call will ever resolve it.
     */
    private void forgetUnused(List<VersionEfficiency> versions, long nowMillis, List<Verdict> verdicts) {
        long retiredBefore = nowMillis - settings.retireAfter().toMillis();
        List<VersionEfficiency> forgotten = new ArrayList<>(versions.stream()
                .filter(version -> version.lastSeenMillis() < retiredBefore).toList());
        versions.removeAll(forgotten);
        versions.sort(Comparator.comparingLong(VersionEfficiency::lastSeenMillis));
        while (versions.size() > settings.maxVersions()) {
            forgotten.add(versions.remove(0));
        }
        for (VersionEfficiency version : forgotten) {
            hysteresis.end(version.lifecycle(), nowMillis).transition().ifPresent(transition -> verdicts.add(
                    retired(transition, version, gapToBest(version, versions))));
        }
    }

    private static Verdict verdict(Transition transition, Gap gap) {
        Shift shift = gap.shift();
        if (transition.status() == AlertStatus.RESOLVED) {
            return new Verdict(AlertType.INEFFICIENT_PROMPT, Severity.INFO, AlertStatus.RESOLVED,
                    named(gap.version(), transition.incident()), evidence(shift),
                    String.format(Locale.ROOT, "Prompt version %s now buys %s of the quality per dollar of version %s",
                            gap.version(), decimal(shift.medianRatio()), gap.bestVersion()));
        }
        String summary = String.format(Locale.ROOT, "Prompt version %s buys %s of the quality per dollar of version %s: "
                        + "median %s against %s quality per USD, Mann-Whitney p=%s, Cliff's delta %s",
                gap.version(), decimal(shift.medianRatio()), gap.bestVersion(), decimal(shift.afterMedian()),
                decimal(shift.beforeMedian()), pValue(shift.pValue()), decimal(shift.cliffsDelta()));
        return new Verdict(AlertType.INEFFICIENT_PROMPT, Severity.INFO, AlertStatus.FIRING,
                named(gap.version(), transition.incident()), evidence(shift), summary);
    }

    private static Verdict retired(Transition transition, VersionEfficiency version, Optional<Gap> lastGap) {
        double median = new Median().evaluate(version.qualityPerDollar().toArray());
        Evidence evidence = lastGap.map(gap -> evidence(gap.shift()))
                .orElse(new Evidence(decimal(median), decimal(median), UNIT, null, null, List.of()));
        return new Verdict(AlertType.INEFFICIENT_PROMPT, Severity.INFO, AlertStatus.RESOLVED,
                named(version.version(), transition.incident()), evidence,
                "Prompt version " + version.version() + " is no longer in use");
    }

    private static Evidence evidence(Shift shift) {
        return new Evidence(decimal(shift.afterMedian()), decimal(shift.beforeMedian()), UNIT, shift.cliffsDelta(),
                shift.pValue(), List.of());
    }

    /** Each version's alert is its own incident, so the version is part of its name. */
    private static Incident named(String version, Incident incident) {
        return new Incident(version + "@" + incident.id(), incident.startMillis(), incident.endMillis());
    }
}
