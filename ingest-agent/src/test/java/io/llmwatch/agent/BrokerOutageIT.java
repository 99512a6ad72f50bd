package io.llmwatch.agent;

import io.llmwatch.agent.export.AgentCounters;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent across a broker outage, on a broker of its own that the tests stop and restart: nothing recorded
 * within the spool's budget is lost, and every trace's spans arrive in the order they were recorded.
 */
class BrokerOutageIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int TRACES = 8;
    /** A small producer buffer, so an outage fills the in-flight budget after a few hundred spans and the rest spill. */
    private static final int PRODUCER_BUFFER_BYTES = 256 * 1024;
    /** Room for a whole burst, so every span recorded is accepted and the test can count them all on the topic. */
    private static final int QUEUE_CAPACITY = 4_096;

    private static EmbeddedKafkaBroker kafka;

    @TempDir
    Path spoolDirectory;

    private LlmWatch watch;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaBroker.startRestartable();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(List.of(Topics.SPANS, Topics.FEEDBACK, Topics.SCHEMAS), 3, (short) 1);
        }
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @AfterEach
    void closeClient() {
        if (watch != null) {
            watch.close(Duration.ZERO);
        }
    }

    @Test
    void spansRecordedWhileTheBrokerIsDownAreSpooledThenDeliveredInOrder() throws IOException {
        watch = client("it-outage-mid-stream");
        SpanSequence spans = new SpanSequence("it-outage-mid-stream");
        spans.record(watch, 500);
        await().atMost(TIMEOUT).until(() -> watch.counters().sent() == 500);

        kafka.stopBroker();
        spans.record(watch, 3_000);
        await().atMost(TIMEOUT).until(() -> watch.counters().queueSize() == 0);
        assertThat(watch.counters().spooled()).as("spans beyond the in-flight budget are spooled").isPositive();
        kafka.restartBroker();
        spans.record(watch, 500);

        assertThat(watch.flush(TIMEOUT)).isTrue();
        AgentCounters counters = watch.counters();
        assertThat(counters.dropped()).isZero();
        assertThat(counters.failed()).isZero();
        assertThat(counters.sent()).isEqualTo(spans.recorded());
        assertThat(counters.replayed()).isEqualTo(counters.spooled());
        spans.assertEveryOneArrivedInOrder();
        assertThat(segmentFiles()).as("replayed segments are deleted").isEmpty();
    }

    @Test
    void spansRecordedBeforeTheBrokerWasEverReachableAreDeliveredWhenItComesUp() {
        kafka.stopBroker();
        watch = client("it-outage-at-start");
        SpanSequence spans = new SpanSequence("it-outage-at-start");
        spans.record(watch, 300);
        await().atMost(TIMEOUT).until(() -> watch.counters().spooled() == 300);

        kafka.restartBroker();

        assertThat(watch.flush(TIMEOUT)).isTrue();
        assertThat(watch.counters().sent()).isEqualTo(300);
        spans.assertEveryOneArrivedInOrder();
    }

    @Test
    void spansSpooledByAClientClosedDuringTheOutageAreSentByTheNextClient() {
        kafka.stopBroker();
        LlmWatch first = client("it-outage-restart");
        SpanSequence spans = new SpanSequence("it-outage-restart");
        spans.record(first, 300);
        await().atMost(TIMEOUT).until(() -> first.counters().spooled() == 300);
        first.close(Duration.ofMillis(200));

        kafka.restartBroker();
        watch = client("it-outage-restart");

        assertThat(watch.flush(TIMEOUT)).isTrue();
        assertThat(watch.counters().replayed()).isEqualTo(300);
        spans.assertEveryOneArrivedInOrder();
    }

    private LlmWatch client(String serviceName) {
        return LlmWatch.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .serviceName(serviceName)
                .shutdownHook(false)
                .queueCapacity(QUEUE_CAPACITY)
                .producerConfig(Map.of(ProducerConfig.BUFFER_MEMORY_CONFIG, PRODUCER_BUFFER_BYTES,
                        ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200))
                .spoolDirectory(spoolDirectory)
                .build();
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(spoolDirectory)) {
            return files.filter(file -> file.toString().endsWith(".spool")).toList();
        }
    }

    /** Spans of a few traces, each numbered in the order recorded, so what arrives can be checked for gaps and order. */
    private static final class SpanSequence {

        private final String serviceName;
        private final List<String> traceIds = Stream.generate(TraceIds::newTraceId).limit(TRACES).toList();
        private int recorded;

        SpanSequence(String serviceName) {
            this.serviceName = serviceName;
        }

        void record(LlmWatch watch, int count) {
            for (int i = 0; i < count; i++, recorded++) {
                assertThat(watch.record(LlmCall.builder()
                        .traceId(traceIds.get(recorded % TRACES))
                        .provider("openai").requestModel("gpt-4o-mini")
                        .usage(TokenUsage.of(200, 20))
                        .attribution(Attribution.builder().tag("sequence", Integer.toString(recorded)).build())
                        .build())).isTrue();
            }
        }

        int recorded() {
            return recorded;
        }

        void assertEveryOneArrivedInOrder() {
            List<SpanEvent> arrived;
            try (TopicReader<SpanEvent> reader = new TopicReader<>(kafka.bootstrapServers(), Topics.SPANS)) {
                arrived = reader.awaitRecords(record -> serviceName.equals(record.value().getAttribution().getService()), recorded)
                        .stream().map(ConsumerRecord::value).toList();
            }
            assertThat(arrived).extracting(SpanEvent::getTraceId).hasSize(recorded);
            Map<String, List<Integer>> sequencesByTrace = arrived.stream().collect(Collectors.groupingBy(
                    SpanEvent::getTraceId, LinkedHashMap::new,
                    Collectors.mapping(span -> Integer.parseInt(span.getAttribution().getTags().get("sequence")), Collectors.toList())));
            assertThat(sequencesByTrace).hasSize(TRACES).allSatisfy((trace, sequences) -> assertThat(sequences).isSorted());
            assertThat(sequencesByTrace.values().stream().flatMap(List::stream)).doesNotHaveDuplicates().hasSize(recorded);
        }
    }
}
