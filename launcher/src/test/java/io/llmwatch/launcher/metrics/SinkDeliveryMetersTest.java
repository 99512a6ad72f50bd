package io.llmwatch.launcher.metrics;

import io.llmwatch.sink.delivery.DeliveryResult.Delivered;
import io.llmwatch.sink.delivery.DeliveryResult.PermanentFailure;
import io.llmwatch.sink.delivery.DeliveryResult.RetryableFailure;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SinkDeliveryMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SinkDeliveryMeters meters = new SinkDeliveryMeters(registry);

    private Timer timer(String destination, String outcome) {
        return registry.find(SinkDeliveryMeters.METRIC).tags("destination", destination, "outcome", outcome).timer();
    }

    @Test
    void countsEveryAttemptByDestinationAndOutcomeWithItsLatency() {
        meters.attempted("slack", Duration.ofMillis(120), new Delivered());
        meters.attempted("slack", Duration.ofMillis(80), new RetryableFailure("429", Duration.ofSeconds(1), true));
        meters.attempted("slack", Duration.ofMillis(90), new RetryableFailure("503", Duration.ZERO, false));
        meters.attempted("webhook", Duration.ofMillis(40), new PermanentFailure("400 bad request"));

        assertThat(timer("slack", "delivered").count()).isEqualTo(1);
        assertThat(timer("slack", "delivered").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(120);
        assertThat(timer("slack", "retry").count()).isEqualTo(2);
        assertThat(timer("slack", "retry").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(170);
        assertThat(timer("webhook", "refused").count()).isEqualTo(1);
        assertThat(timer("webhook", "delivered")).isNull();
    }
}
