package io.llmwatch.agent.export;

import io.llmwatch.agent.spool.FsyncPolicy;
import io.llmwatch.agent.spool.Spool;
import io.llmwatch.schemas.topic.Topic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The export pipeline with a spool, against a producer whose broker comes and goes. */
class SpoolingExportTest {

    private static final List<Topic<String, ?>> TOPICS = List.of(TestEvent.TOPIC);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final long IN_FLIGHT_BYTES = 1024 * 1024;

    @TempDir
    Path directory;

    private final UnreachableProducer producer = new UnreachableProducer();
    private final List<ExportPipeline> started = new ArrayList<>();

    @AfterEach
    void closePipelines() {
        started.forEach(pipeline -> pipeline.close(Duration.ZERO));
    }

    @Test
    void eventsKafkaCannotTakeAreSpooledThenReplayedInOrderWhenItReturns() {
        ExportPipeline pipeline = start(Spool.MIN_MAX_BYTES * 4, 64);
        IntStream.range(0, 20).forEach(i -> pipeline.offer(event(i, 10)));
        await().atMost(TIMEOUT).until(() -> pipeline.counters().spooled() == 20);
        assertThat(pipeline.flush(Duration.ofMillis(50))).as("nothing is delivered yet").isFalse();

        producer.reconnect();

        assertThat(pipeline.flush(TIMEOUT)).isTrue();
        AgentCounters counters = pipeline.counters();
        assertThat(counters.sent()).isEqualTo(20);
        assertThat(counters.replayed()).isEqualTo(20);
        assertThat(sentKeys()).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "key-" + i).toList());
        await("replayed segments are released").atMost(TIMEOUT).until(() -> pipeline.counters().spoolBytes() == 0);
    }

    @Test
    void whenTheSpoolIsFullTheNewestEventsAreDroppedAndCountedOnce() {
        ExportPipeline pipeline = start(Spool.MIN_MAX_BYTES, 256);
        int offered = 100;
        IntStream.range(0, offered).forEach(i -> pipeline.offer(event(i, 2_000)));
        await().atMost(TIMEOUT).until(() -> pipeline.counters().queueSize() == 0);

        AgentCounters counters = pipeline.counters();
        assertThat(counters.offered()).isEqualTo(offered);
        assertThat(counters.dropped(DropReason.SPOOL_FULL)).isPositive();
        assertThat(counters.accepted()).isEqualTo(counters.spooled());
        assertThat(counters.accepted() + counters.dropped()).isEqualTo(offered);

        producer.reconnect();
        assertThat(pipeline.flush(TIMEOUT)).isTrue();
        assertThat(pipeline.counters().sent()).isEqualTo(counters.accepted());
        assertThat(sentKeys()).as("the oldest events were kept")
                .containsExactlyElementsOf(IntStream.range(0, (int) counters.accepted()).mapToObj(i -> "key-" + i).toList());
    }

    @Test
    void closingDuringAnOutageLeavesEveryUnsentEventInTheSpoolForTheNextRun() {
        ExportPipeline pipeline = start(Spool.MIN_MAX_BYTES * 4, 64);
        IntStream.range(0, 30).forEach(i -> pipeline.offer(event(i, 10)));

        assertThat(pipeline.close(Duration.ofMillis(500))).isTrue();

        try (Spool reopened = Spool.open(directory, Spool.MIN_MAX_BYTES * 4, FsyncPolicy.never())) {
            assertThat(reopened.recoveredEvents()).isEqualTo(30);
        }
    }

    @Test
    void eventsRecoveredFromAnEarlierRunAreSentBeforeNewOnes() {
        try (Spool earlier = Spool.open(directory, Spool.MIN_MAX_BYTES, FsyncPolicy.never())) {
            earlier.append(new io.llmwatch.agent.spool.EncodedEvent(TestEvent.TOPIC.name(), "key-earlier",
                    "earlier".getBytes(StandardCharsets.UTF_8)));
        }
        producer.reconnect();
        ExportPipeline pipeline = start(Spool.MIN_MAX_BYTES, 16);
        pipeline.offer(event(0, 10));

        assertThat(pipeline.flush(TIMEOUT)).isTrue();
        assertThat(sentKeys()).containsExactly("key-earlier", "key-0");
    }

    private ExportPipeline start(long spoolBytes, int queueCapacity) {
        Spool spool = Spool.open(directory, spoolBytes, FsyncPolicy.never());
        ExportPipeline pipeline = ExportPipeline.start(producer,
                ExportBuffers.inMemory(queueCapacity, IN_FLIGHT_BYTES).withSpool(spool), TOPICS, List.of());
        started.add(pipeline);
        return pipeline;
    }

    private static TestEvent event(int number, int textLength) {
        return new TestEvent("key-" + number, "x".repeat(textLength));
    }

    private List<String> sentKeys() {
        return producer.history().stream().map(ProducerRecord::key).toList();
    }
}
