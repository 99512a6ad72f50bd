package io.llmwatch.processor.detection.unpriced;

import io.llmwatch.processor.detection.lifecycle.AlertType;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.lifecycle.Evidence;
import io.llmwatch.processor.detection.lifecycle.Incident;
import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Names a model that has no known price, once per window (event time, aligned to the epoch) per model: its calls are
 * counted (tokens, latency) but their cost is unknown, so every cost view and budget understates the spend until
 * someone publishes a price. A reminder, not a condition that clears, so it fires and never resolves; the next
 * window reminds again while calls keep coming.
 *
 * <p>Stateless itself: the state goes in and comes out, so it can live in a state store keyed by model.
 */
public final class UnpricedModelRule {

    /** Once an hour is often enough to be noticed and rare enough not to nag. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    private static final String UNIT = "unpriced calls";

    private final long windowMillis;

    public UnpricedModelRule(Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.windowMillis = window.toMillis();
    }

    /**
     * Takes one unpriced call into account.
     *
     * @param previous the state returned for the previous unpriced call of this model, or {@code null} for its first
     */
    public DetectorStep<UnpricedModelState> step(UnpricedModelState previous, UnpricedCall call) {
        long windowStart = Math.floorDiv(call.eventTimeMillis(), windowMillis) * windowMillis;
        if (previous != null && windowStart <= previous.alertedWindowStartMillis()) {
            return DetectorStep.quiet(previous);
        }
        String provider = call.provider() == null ? "an unnamed provider" : "provider " + call.provider();
        String summary = String.format(Locale.ROOT, "No price is known for model %s of %s: its calls are counted but their cost is "
                + "unknown until a price is published on llmwatch.prices.v1", call.model(), provider);
        Verdict verdict = new Verdict(AlertType.UNPRICED_MODEL, Severity.WARNING, AlertStatus.FIRING,
                new Incident(Long.toString(windowStart), windowStart, windowStart + windowMillis),
                new Evidence("1", "0", UNIT, null, null, List.of(call.traceId())), summary);
        return new DetectorStep<>(new UnpricedModelState(windowStart), List.of(verdict));
    }
}
