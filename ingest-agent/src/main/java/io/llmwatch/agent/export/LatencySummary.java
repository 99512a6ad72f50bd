package io.llmwatch.agent.export;

/**
 * How long something took, summarised since the client started; all in nanoseconds. Percentiles are
 * upper bounds at most 6.25 % above the true value.
 *
 * @param count how many latencies were measured
 */
public record LatencySummary(long count, long meanNanos, long p50Nanos, long p99Nanos, long maxNanos) {

    /** Nothing measured yet. */
    public static final LatencySummary NONE = new LatencySummary(0, 0, 0, 0, 0);
}
