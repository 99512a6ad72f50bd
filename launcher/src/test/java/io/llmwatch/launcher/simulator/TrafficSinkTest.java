package io.llmwatch.launcher.simulator;

import io.llmwatch.agent.LlmWatch;
import io.llmwatch.agent.export.AgentCounters;
import io.llmwatch.agent.export.DropReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficSinkTest {

    private static final Instant START = Instant.parse("2025-11-06T12:00:00Z");

    /** The agent validates what it is given; a simulator that produced invalid spans would show up as drops. */
    @Test
    void theAgentAcceptsEverySimulatedSpanAndFeedback() {
        SimulatorConfig config = SimulatorConfig.of(40, 42, Duration.ofSeconds(30));
        TrafficGenerator generator = new TrafficGenerator(config, new Random(config.seed()), START);
        List<Interaction> traffic = IntStream.range(0, 3000).mapToObj(i -> generator.next(START.plusMillis(25L * i))).toList();
        long events = traffic.stream().mapToLong(interaction -> interaction.spans().size() + interaction.feedback().stream().count()).sum();
        // Nothing listens there: events stay queued, which is all this test needs to see.
        LlmWatch watch = LlmWatch.builder()
                .bootstrapServers("localhost:9")
                .queueCapacity((int) events)
                .shutdownHook(false)
                .producerConfig(Map.of("reconnect.backoff.ms", 10_000, "reconnect.backoff.max.ms", 10_000))
                .build();
        try {
            TrafficSink sink = TrafficSink.into(watch);

            traffic.forEach(sink::deliver);

            AgentCounters counters = watch.counters();
            assertThat(counters.dropped(DropReason.INVALID)).isZero();
            assertThat(counters.accepted()).isEqualTo(events);
        } finally {
            watch.close(Duration.ZERO);
        }
    }
}
