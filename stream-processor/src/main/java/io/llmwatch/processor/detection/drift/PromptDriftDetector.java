package io.llmwatch.processor.detection.drift;

import io.llmwatch.processor.detection.comparison.BaselineAndRecent;
import io.llmwatch.processor.detection.comparison.SeriesWatch;
import io.llmwatch.processor.detection.comparison.Shift;
import io.llmwatch.processor.detection.lifecycle.AlertType;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.lifecycle.Evidence;
import io.llmwatch.processor.detection.lifecycle.Hysteresis;
import io.llmwatch.processor.detection.lifecycle.Hysteresis.Transition;
import io.llmwatch.processor.detection.lifecycle.LifecycleState;
import io.llmwatch.processor.detection.lifecycle.Reading;
import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Watches one prompt (keyed by prompt name) for changes in how its calls behave: latency, input and output tokens,
 * cost per call and quality. Two comparisons run side by side, each with its own alert:
 * <ul>
 *   <li><b>version change</b>: when the template hash changes, every call of the new version is compared with the
 *   calls of the version before it, once both have enough; "output tokens up 48%" after a prompt edit is the typical
 *   finding. Calls of the previous version keep counting for it, so a canary running both versions works.</li>
 *   <li><b>over time</b>: the current version's newest calls against its earlier ones, for drift nobody deployed, such
 *   as a provider updating the model behind a name.</li>
 * </ul>
 * An indicator has moved when a Mann–Whitney U test rejects "no change" and Cliff's δ reaches the minimum effect. An
 * alert fires when some indicator moved and resolves when all are close again; it is a warning when an indicator
 * moved for the worse, information otherwise. A new version ends the alerts about the old one.
 *
 * <p>Stateless itself: the state goes in and comes out, so it can live in a state store.
 */
public final class PromptDriftDetector {

    private final DriftSettings settings;
    private final Hysteresis hysteresis;

    public PromptDriftDetector(DriftSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hysteresis = new Hysteresis(settings.lifecycle());
    }

    /**
     * Takes one call into account.
     *
     * @param previous the state returned for the previous call of this prompt, or {@code null} for its first
     */
    public DetectorStep<PromptDriftState> step(PromptDriftState previous, PromptCall call) {
        PromptDriftState state = previous == null ? PromptDriftState.start(call.version()) : previous;
        List<Verdict> verdicts = new ArrayList<>();
        if (isNewVersion(state, call.version())) {
            // Whatever was said about the old versions no longer applies to the prompt as it now is.
            PromptDrift superseded = report(state);
            hysteresis.end(state.versionChange(), call.eventTimeMillis()).transition()
                    .ifPresent(transition -> verdicts.add(superseded(transition, superseded.versionChange())));
            hysteresis.end(state.overTime(), call.eventTimeMillis()).transition()
                    .ifPresent(transition -> verdicts.add(superseded(transition, superseded.overTime())));
            state = new PromptDriftState(state.calls(), state.current(), VersionSamples.start(call.version()),
                    LifecycleState.resolved(), LifecycleState.resolved());
        }
        if (call.version().sameAs(state.current().version())
                && call.eventTimeMillis() < state.overTime().evidenceSinceMillis()) {
            // Out of order by a partition's lag: the current version's windows would mix the era before the
            // over-time alert's last transition with the one after it (see LifecycleState#evidenceSinceMillis).
            return new DetectorStep<>(state, verdicts);
        }
        state = record(state, call);
        if (!SeriesWatch.evaluationDue(state.overTime(), call.eventTimeMillis(), state.calls(), settings.evaluateEvery(),
                settings.windows().recent())) {
            return new DetectorStep<>(state, verdicts);
        }
        PromptDrift drift = report(state);
        Hysteresis.Step versionChange = hysteresis.step(state.versionChange(), read(drift.versionChange()),
                call.eventTimeMillis());
        Hysteresis.Step overTime = hysteresis.step(state.overTime(), read(drift.overTime()), call.eventTimeMillis());
        versionChange.transition().ifPresent(transition -> verdicts.add(verdict(transition, drift.versionChange())));
        overTime.transition().ifPresent(transition -> verdicts.add(verdict(transition, drift.overTime())));
        return new DetectorStep<>(new PromptDriftState(state.calls(), state.previous(), state.current(),
                versionChange.state(), overTime.state()), verdicts);
    }

    /** The prompt's drift as the state knows it now: what the drift API returns. */
    public PromptDrift report(PromptDriftState state) {
        return new PromptDrift(versionChangeReport(state), overTimeReport(state));
    }

    private static boolean isNewVersion(PromptDriftState state, PromptVersion version) {
        return !version.sameAs(state.current().version())
                && (state.previous() == null || !version.sameAs(state.previous().version()));
    }

    private PromptDriftState record(PromptDriftState state, PromptCall call) {
        if (call.version().sameAs(state.current().version())) {
            VersionSamples current = state.current().add(call, settings.windows(), state.overTime().incidentOpen());
            return new PromptDriftState(state.calls() + 1, state.previous(), current, state.versionChange(),
                    state.overTime());
        }
        VersionSamples previous = state.previous().add(call, settings.windows(), false);
        return new PromptDriftState(state.calls() + 1, previous, state.current(), state.versionChange(),
                state.overTime());
    }

    private DriftReport versionChangeReport(PromptDriftState state) {
        if (state.previous() == null) {
            return null;
        }
        List<IndicatorShift> shifts = new ArrayList<>();
        for (Indicator indicator : Indicator.values()) {
            double[] before = state.previous().windows(indicator).all();
            double[] after = state.current().windows(indicator).all();
            if (settings.criteria().comparable(before.length, after.length)) {
                shifts.add(IndicatorShift.of(indicator, Shift.between(before, after), settings.criteria()));
            }
        }
        return shifts.isEmpty() ? null : new DriftReport(DriftReport.Comparison.VERSION_CHANGE,
                state.previous().version(), state.current().version(), shifts);
    }

    private DriftReport overTimeReport(PromptDriftState state) {
        List<IndicatorShift> shifts = new ArrayList<>();
        for (Indicator indicator : Indicator.values()) {
            BaselineAndRecent windows = state.current().windows(indicator);
            if (settings.criteria().comparable(windows)) {
                shifts.add(IndicatorShift.of(indicator, windows.shift(), settings.criteria()));
            }
        }
        PromptVersion version = state.current().version();
        return shifts.isEmpty() ? null : new DriftReport(DriftReport.Comparison.OVER_TIME, version, version, shifts);
    }

    private Reading read(DriftReport report) {
        if (report == null) {
            return Reading.BORDERLINE;
        }
        if (!report.moved().isEmpty()) {
            return Reading.BREACHED;
        }
        boolean allClose = report.indicators().stream()
                .allMatch(shift -> Math.abs(shift.effectSize()) < settings.resolveEffect());
        return allClose ? Reading.CLEAR : Reading.BORDERLINE;
    }

    private static Verdict verdict(Transition transition, DriftReport report) {
        if (transition.status() == AlertStatus.RESOLVED) {
            return new Verdict(AlertType.PROMPT_DRIFT, Severity.INFO, AlertStatus.RESOLVED, transition.incident(),
                    evidence(report), subject(report) + ": back in line");
        }
        List<IndicatorShift> moved = report.moved();
        boolean worse = moved.stream().anyMatch(IndicatorShift::worse);
        String changes = moved.stream().map(IndicatorShift::describe).collect(Collectors.joining("; "));
        return new Verdict(AlertType.PROMPT_DRIFT, worse ? Severity.WARNING : Severity.INFO, AlertStatus.FIRING,
                transition.incident(), evidence(report), subject(report) + ": " + changes);
    }

    private static Verdict superseded(Transition transition, DriftReport report) {
        return new Verdict(AlertType.PROMPT_DRIFT, Severity.INFO, AlertStatus.RESOLVED, transition.incident(),
                evidence(report), subject(report) + ": superseded by a new version");
    }

    private static String subject(DriftReport report) {
        return switch (report.comparison()) {
            case VERSION_CHANGE -> "Prompt " + report.after().label() + " against " + report.before().label();
            case OVER_TIME -> "Prompt " + report.after().label() + " against its own earlier calls";
        };
    }

    /** The indicator that moved most stands for the alert's observed and expected values. */
    private static Evidence evidence(DriftReport report) {
        IndicatorShift headline = report.largest().orElseThrow();
        return new Evidence(headline.medianAfter().toPlainString(), headline.medianBefore().toPlainString(),
                headline.indicator().unit(), headline.effectSize(), headline.pValue(), List.of());
    }
}
