package io.llmwatch.processor.detection.regression;

/** Whether one call failed. */
public record CallOutcome(long eventTimeMillis, String traceId, boolean failed) {

    /** As the series the error-rate detector compares: 1 for a failure, 0 for a success, so its mean is the rate. */
    double asValue() {
        return failed ? 1 : 0;
    }
}
