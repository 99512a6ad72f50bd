package io.llmwatch.agent.export;

import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.Topic;
import io.llmwatch.schemas.topic.Topics;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ExportPipelineTest {

    private static final List<Topic<String, ?>> TOPICS = List.of(TestEvent.TOPIC);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final long IN_FLIGHT_BYTES = 1024 * 1024;

    private final List<ExportPipeline> started = new ArrayList<>();

    @AfterEach
    void closePipelines() {
        started.forEach(pipeline -> pipeline.close(Duration.ZERO));
    }

    @Test
    void fullQueueDropsNewestEventsAndCountsThemAsQueueFull() {
        StalledProducer producer = new StalledProducer();
        // The worker stalls on its first send (the schema announcement), so nothing leaves the queue.
        ExportPipeline pipeline = start(producer, 4, List.of(SpanEvent.getClassSchema()));

        List<Boolean> outcomes = IntStream.range(0, 7).mapToObj(i -> pipeline.offer(event(i))).toList();

        assertThat(outcomes).containsExactly(true, true, true, true, false, false, false);
        AgentCounters counters = pipeline.counters();
        assertThat(counters.accepted()).isEqualTo(4);
        assertThat(counters.dropped(DropReason.QUEUE_FULL)).isEqualTo(3);
        assertThat(counters.offered()).isEqualTo(7);
        assertThat(counters.queueSize()).isEqualTo(4);
        assertThat(counters.queueCapacity()).isEqualTo(4);

        producer.release();
        assertThat(pipeline.flush(TIMEOUT)).isTrue();
        assertThat(pipeline.counters().sent()).isEqualTo(4);
        assertThat(sentTexts(producer)).containsExactly("0", "1", "2", "3");
    }

    @Test
    void everyOfferIsCountedOnceAsAcceptedOrDroppedUnderConcurrency() throws Exception {
        ExportPipeline pipeline = start(new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()), 8, List.of());
        int threads = 4;
        int offersPerThread = 5_000;
        List<AgentCounters> snapshots = new CopyOnWriteArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> offering = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                offering.add(executor.submit(() -> {
                    for (int i = 0; i < offersPerThread; i++) {
                        pipeline.offer(event(i));
                        if (i % 500 == 0) {
                            snapshots.add(pipeline.counters());
                        }
                    }
                }));
            }
            for (Future<?> future : offering) {
                future.get();
            }
        } finally {
            executor.shutdown();
        }

        assertThat(snapshots).allSatisfy(snapshot ->
                assertThat(snapshot.accepted() + snapshot.dropped()).isEqualTo(snapshot.offered()));
        AgentCounters done = pipeline.counters();
        assertThat(done.offered()).isEqualTo((long) threads * offersPerThread);
        assertThat(done.dropped()).isEqualTo(done.dropped(DropReason.QUEUE_FULL));
        assertThat(pipeline.flush(TIMEOUT)).isTrue();
        assertThat(pipeline.counters().sent()).isEqualTo(done.accepted());
    }

    @Test
    void offersAfterCloseAreDroppedAsClosed() {
        ExportPipeline pipeline = start(new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()), 8, List.of());
        assertThat(pipeline.close(TIMEOUT)).isTrue();

        assertThat(pipeline.offer(event(1))).isFalse();

        assertThat(pipeline.counters().dropped(DropReason.CLOSED)).isEqualTo(1);
        assertThat(pipeline.counters().offered()).isEqualTo(1);
    }

    @Test
    void closeSendsWhatIsQueuedAndClosesTheProducer() {
        StalledProducer producer = new StalledProducer();
        ExportPipeline pipeline = start(producer, 16, List.of());
        IntStream.range(0, 10).forEach(i -> pipeline.offer(event(i)));
        producer.release();

        assertThat(pipeline.close(TIMEOUT)).isTrue();

        assertThat(producer.closed()).isTrue();
        assertThat(sentTexts(producer)).hasSize(10);
        assertThat(pipeline.counters().sent()).isEqualTo(10);
    }

    @Test
    void flushAndCloseGiveUpAfterTheirTimeoutWhenTheBrokerDoesNotAnswer() {
        StalledProducer producer = new StalledProducer();
        ExportPipeline pipeline = start(producer, 16, List.of());
        pipeline.offer(event(1));

        assertThat(pipeline.flush(Duration.ofMillis(50))).isFalse();
        assertThat(pipeline.close(Duration.ofMillis(50))).isFalse();

        producer.release();
        await().atMost(TIMEOUT).until(producer::closed);
    }

    @Test
    void anEventThatCannotBeEncodedCountsAsFailedAndTheNextOneIsStillSent() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        ExportPipeline pipeline = start(producer, 8, List.of());
        OutboundRecord<String> broken = new OutboundRecord<>() {
            @Override
            public Topic<String, String> topic() {
                return TestEvent.TOPIC;
            }

            @Override
            public String key() {
                return "broken";
            }

            @Override
            public String value() {
                throw new IllegalStateException("cannot build");
            }
        };

        pipeline.offer(broken);
        pipeline.offer(event(2));

        assertThat(pipeline.flush(TIMEOUT)).isTrue();
        assertThat(pipeline.counters().failed()).isEqualTo(1);
        assertThat(pipeline.counters().sent()).isEqualTo(1);
        assertThat(sentTexts(producer)).containsExactly("2");
    }

    @Test
    void warmsMetadataOfEveryTopicAndAnnouncesSchemasBeforeTheFirstEvent() {
        List<String> metadataRequests = new CopyOnWriteArrayList<>();
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
            @Override
            public List<PartitionInfo> partitionsFor(String topic) {
                metadataRequests.add(topic);
                return super.partitionsFor(topic);
            }
        };
        ExportPipeline pipeline = start(producer, 8, List.of(SpanEvent.getClassSchema()));
        pipeline.offer(event(1));

        assertThat(pipeline.flush(TIMEOUT)).isTrue();

        assertThat(metadataRequests).containsExactly(TestEvent.TOPIC.name(), Topics.SCHEMAS.name());
        assertThat(producer.history()).extracting(ProducerRecord::topic)
                .containsExactly(Topics.SCHEMAS.name(), TestEvent.TOPIC.name());
        assertThat(pipeline.counters().sent()).as("announcements are not telemetry").isEqualTo(1);
    }

    private ExportPipeline start(MockProducer<String, byte[]> producer, int capacity, List<Schema> schemas) {
        ExportPipeline pipeline = ExportPipeline.start(producer, ExportBuffers.inMemory(capacity, IN_FLIGHT_BYTES), TOPICS, schemas);
        started.add(pipeline);
        return pipeline;
    }

    private static TestEvent event(int number) {
        return new TestEvent("key-" + number, Integer.toString(number));
    }

    private static List<String> sentTexts(MockProducer<String, byte[]> producer) {
        return producer.history().stream()
                .filter(record -> record.topic().equals(TestEvent.TOPIC.name()))
                .map(record -> new String(record.value(), StandardCharsets.UTF_8))
                .toList();
    }
}
