package io.llmwatch.processor.detection.regression;

import io.llmwatch.processor.detection.lifecycle.AlertType;

/** The timings a {@link LatencyRegressionDetector} can watch, each with its own alert type. */
public enum TimingMetric {
    /** From request to the end of the response. */
    LATENCY(AlertType.LATENCY_REGRESSION, "Latency"),
    /** From request to the first streamed token: what a user of a streaming UI waits for. */
    TIME_TO_FIRST_TOKEN(AlertType.TTFT_REGRESSION, "Time to first token");

    private final AlertType alertType;
    private final String title;

    TimingMetric(AlertType alertType, String title) {
        this.alertType = alertType;
        this.title = title;
    }

    public AlertType alertType() {
        return alertType;
    }

    String title() {
        return title;
    }
}
