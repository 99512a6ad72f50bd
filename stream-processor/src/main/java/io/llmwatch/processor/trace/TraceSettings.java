package io.llmwatch.processor.trace;

import java.time.Duration;
import java.util.Objects;

/**
 * How traces are assembled.
 *
 * @param maxSpansPerTrace   spans kept per trace; later ones are only counted, so one runaway agent
 *                           loop cannot grow a store value without bound
 * @param retention          how long, in event time, a trace stays queryable after its first span
 *                           arrived; the stores drop whole segments, so entries live at least this long
 * @param recentSpansPerTask spans of recently touched traces each task keeps in memory (a read cache
 *                           of the store, about half a kilobyte a span), so the spans of an open trace
 *                           find it without a store lookup
 */
public record TraceSettings(int maxSpansPerTrace, Duration retention, int recentSpansPerTask) {

    public static final TraceSettings DEFAULTS = new TraceSettings(500, Duration.ofDays(1), 10_000);

    public TraceSettings {
        Objects.requireNonNull(retention, "retention");
        if (maxSpansPerTrace < 1) {
            throw new IllegalArgumentException("maxSpansPerTrace must be positive");
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        if (recentSpansPerTask < 1) {
            throw new IllegalArgumentException("recentSpansPerTask must be positive");
        }
    }
}
