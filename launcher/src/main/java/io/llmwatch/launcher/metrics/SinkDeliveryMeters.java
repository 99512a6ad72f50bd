package io.llmwatch.launcher.metrics;

import io.llmwatch.sink.delivery.DeliveryResult;
import io.llmwatch.sink.delivery.DeliveryResult.Delivered;
import io.llmwatch.sink.delivery.DeliveryResult.RetryableFailure;
import io.llmwatch.sink.metrics.DeliveryObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The sink's delivery attempts as meters: {@code llmwatch_sink_delivery_seconds{destination,outcome}},
 * a histogram of how long each attempt took, whose {@code _count} counts attempts by outcome:
 * {@code delivered}, {@code retry} (a retryable failure: the attempt is repeated later) or
 * {@code refused} (dead-lettered).
 */
public final class SinkDeliveryMeters implements DeliveryObserver {

    static final String METRIC = "llmwatch.sink.delivery";

    private final MeterRegistry registry;

    public SinkDeliveryMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void attempted(String destination, Duration latency, DeliveryResult result) {
        Timer.builder(METRIC)
                .description("delivery attempts to a destination and how long each took, by outcome")
                .tag("destination", destination)
                .tag("outcome", outcome(result))
                .publishPercentileHistogram()
                .register(registry)
                .record(latency);
    }

    private static String outcome(DeliveryResult result) {
        if (result instanceof Delivered) {
            return "delivered";
        }
        return result instanceof RetryableFailure ? "retry" : "refused";
    }
}
