package io.llmwatch.sink.metrics;

import io.llmwatch.sink.delivery.DeliveryResult;

import java.time.Duration;

/**
 * Told about every attempt to hand a notification to a destination, so whoever runs the sink can
 * measure delivery latency and count retries and refusals without the delivery code knowing about
 * any metrics library. Called on the delivery threads: implementations must be quick and thread-safe.
 */
@FunctionalInterface
public interface DeliveryObserver {

    /** Observes nothing. */
    DeliveryObserver NONE = (destination, latency, result) -> { };

    /**
     * @param destination the destination's name
     * @param latency     how long the attempt took
     * @param result      delivered, a retryable failure (it will be retried) or a permanent one (dead-lettered)
     */
    void attempted(String destination, Duration latency, DeliveryResult result);
}
