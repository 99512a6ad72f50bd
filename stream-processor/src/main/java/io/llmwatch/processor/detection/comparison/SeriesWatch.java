package io.llmwatch.processor.detection.comparison;

import io.llmwatch.processor.detection.lifecycle.Exemplars;
import io.llmwatch.processor.detection.lifecycle.Hysteresis;
import io.llmwatch.processor.detection.lifecycle.Hysteresis.Transition;
import io.llmwatch.processor.detection.lifecycle.LifecycleSettings;
import io.llmwatch.processor.detection.lifecycle.LifecycleState;
import io.llmwatch.processor.detection.lifecycle.Reading;

import java.util.Objects;
import java.util.Optional;

/**
 * What the detectors of one numeric series per key (quality, latency, time to first token, error rate) share: each
 * value enters a {@link BaselineAndRecent}, the recent window is compared with the baseline as a {@link Shift}, the
 * detector's {@link Rule} reads the shift, and the {@link Hysteresis} decides whether that fires or resolves an alert.
 * The baseline holds still while an incident is open, so an incident never becomes the new normal. A value older
 * than the lifecycle's last transition is left out (see {@link LifecycleState#evidenceSinceMillis()}).
 *
 * <p>The comparison runs every {@code evaluateEvery} values rather than on each: consecutive windows that differ by
 * one value hold almost the same evidence, so evaluating every value would cost CPU and would make "N evaluations in
 * a row" mean almost nothing. Spaced out, N evaluations in a row see N × {@code evaluateEvery} fresh values. They are
 * also at least {@link #EVALUATION_SPACING_MILLIS} of event time apart: a hot key (thousands of calls a second) would
 * otherwise sort its windows hundreds of times a second, which made the comparisons the largest cost of the stream
 * threads. But never more than a {@link #TURNOVER_SHARE fifth} of the recent window apart: a key so hot that its windows
 * turn over within the spacing would otherwise let an incident pass from the recent window into the baseline between
 * two comparisons, and never see it (a prompt called 2,500 times a second missed a jump in its output tokens).
 *
 * <p>Stateless itself: the state goes in and comes out.
 */
public final class SeriesWatch {

    /** The detector-specific part: what counts as a breach or a recovery, and which values exemplify the problem. */
    public interface Rule {

        Reading read(Shift shift);

        /** Whether a value shows the problem, so that its trace is worth citing. */
        boolean exemplary(double value, Shift shift);
    }

    /**
     * The outcome of one value.
     *
     * @param shift recent against baseline, when this value was evaluated
     */
    public record Step(SeriesState state, Optional<Shift> shift, Optional<Transition> transition) {
    }

    /** The least event time between two evaluations of a key; it adds at most this much per evaluation to detection. */
    public static final long EVALUATION_SPACING_MILLIS = 100;
    /** Whatever the event time, a key is evaluated at least this many times while its recent window turns over once. */
    static final int TURNOVER_SHARE = 5;

    private final WindowSizes windows;
    private final int minimumSamples;
    private final int evaluateEvery;
    private final Hysteresis hysteresis;
    private final Rule rule;

    public SeriesWatch(WindowSizes windows, int minimumSamples, int evaluateEvery, LifecycleSettings lifecycle,
                       Rule rule) {
        this.windows = Objects.requireNonNull(windows, "windows");
        if (minimumSamples > Math.min(windows.recent(), windows.baseline())) {
            throw new IllegalArgumentException("both windows must hold minimumSamples " + minimumSamples + ", got " + windows);
        }
        if (evaluateEvery < 1) {
            throw new IllegalArgumentException("evaluateEvery must be at least 1: " + evaluateEvery);
        }
        this.minimumSamples = minimumSamples;
        this.evaluateEvery = evaluateEvery;
        this.hysteresis = new Hysteresis(lifecycle);
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /**
     * Takes one value into account.
     *
     * @param previous the state returned for the previous value of this key, or {@code null} for its first
     */
    public Step observe(SeriesState previous, long eventTimeMillis, String traceId, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite: " + value);
        }
        SeriesState state = previous == null ? SeriesState.start() : previous;
        if (eventTimeMillis < state.lifecycle().evidenceSinceMillis()) {
            // Out of order by a partition's lag: it would mix the era before the last transition into the windows.
            return new Step(state, Optional.empty(), Optional.empty());
        }
        long observations = state.observations() + 1;
        BaselineAndRecent values = state.windows().add(value, windows, state.lifecycle().incidentOpen());
        boolean evaluate = values.comparable(minimumSamples)
                && evaluationDue(state.lifecycle(), eventTimeMillis, observations, evaluateEvery, windows.recent());
        Shift shift = evaluate ? values.shift() : state.lastShift();
        Exemplars exemplars = shift != null && rule.exemplary(value, shift)
                ? state.exemplars().with(traceId)
                : state.exemplars();
        if (!evaluate) {
            return new Step(new SeriesState(observations, values, shift, state.lifecycle(), exemplars), Optional.empty(),
                    Optional.empty());
        }
        Hysteresis.Step lifecycle = hysteresis.step(state.lifecycle(), rule.read(shift), eventTimeMillis);
        return new Step(new SeriesState(observations, values, shift, lifecycle.state(), exemplars), Optional.of(shift),
                lifecycle.transition());
    }

    /**
     * Whether the {@code observations}-th value of a key is due for a comparison: one of every {@code evaluateEvery}
     * values, at least {@link #EVALUATION_SPACING_MILLIS} after the previous comparison (the lifecycle remembers the
     * newest event time evaluated, 0 before the first), or at least once per {@link #TURNOVER_SHARE} of the recent window.
     */
    public static boolean evaluationDue(LifecycleState lifecycle, long eventTimeMillis, long observations,
                                        int evaluateEvery, int recentWindow) {
        if (observations % evaluateEvery != 0) {
            return false;
        }
        // A multiple of evaluateEvery, so that it falls on values that are due at all.
        long turnoverStride = Math.max(1, recentWindow / TURNOVER_SHARE / evaluateEvery) * evaluateEvery;
        return lifecycle.newestEventMillis() == 0
                || eventTimeMillis - lifecycle.newestEventMillis() >= EVALUATION_SPACING_MILLIS
                || observations % turnoverStride == 0;
    }
}
