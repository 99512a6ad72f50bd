package io.llmwatch.processor.detection.regression;

/** One call's latency or time to first token. Feed successful calls only: a failure's timing says little. */
public record Timing(long eventTimeMillis, String traceId, double millis) {

    public Timing {
        if (!Double.isFinite(millis) || millis < 0) {
            throw new IllegalArgumentException("a timing is finite and not negative: " + millis);
        }
    }
}
