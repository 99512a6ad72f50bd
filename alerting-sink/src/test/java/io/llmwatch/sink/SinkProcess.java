package io.llmwatch.sink;

import io.llmwatch.sink.delivery.RateLimit;

import java.net.URI;
import java.time.Duration;

/**
 * A sink in a process of its own, so a test can kill it with SIGKILL mid-delivery:
 * {@code SinkProcess <bootstrap servers> <group id> <PagerDuty URL> <routing key>}. It runs until killed.
 */
public final class SinkProcess {

    private SinkProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        AlertSink sink = new AlertSink(SinkConfig.builder()
                .bootstrapServers(args[0])
                .groupId(args[1])
                .pagerDutyUrl(URI.create(args[2]))
                .pagerDutyRoutingKey(Secret.of(args[3]))
                .pagerDutyRateLimit(RateLimit.perSecond(10))
                .backoff(Duration.ofMillis(50), Duration.ofMillis(200))
                // The broker's smallest allowed session: the killed instance's partitions move on quickly.
                .clientProperty("session.timeout.ms", "6000")
                .build());
        sink.start();
        System.out.println("sink started");
        System.out.flush();
        Thread.currentThread().join();
    }
}
