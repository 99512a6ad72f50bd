package io.llmwatch.processor.trace;

import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.processor.StreamsConfiguration;
import io.llmwatch.processor.cost.PricedSpan;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.testing.AgentSpans;
import io.llmwatch.processor.topology.SpanEventTimeExtractor;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The changelog, not the processor's memory, is the source of truth for traces: spans that arrive
 * after the application restarted on a wiped state directory still join the traces their first spans
 * opened, and the user index still finds those traces.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class TraceAssemblyRestartIT {

    private static final int TRACES = 20;
    private static final int SPANS_BEFORE = 2;
    private static final int SPANS_AFTER = 3;
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void spansArrivingAfterARestartFromTheChangelogJoinTheirTraces(EmbeddedKafkaBroker kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(Topics.ALL, 2, (short) 1);
        }
        Properties config = config(kafka, Files.createTempDirectory("llmwatch-trace-restart"));

        KafkaStreams first = start(config);
        sendSpans(kafka, 0, SPANS_BEFORE);
        await().atMost(PATIENCE).untilAsserted(() -> assertEveryTraceHasSpans(first, SPANS_BEFORE));
        // Leaving the group hands the partitions over at once instead of after the session timeout.
        first.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));

        try (KafkaStreams second = new KafkaStreams(topology(), config)) {
            second.cleanUp();
            second.start();
            sendSpans(kafka, SPANS_BEFORE, SPANS_BEFORE + SPANS_AFTER);
            await().atMost(PATIENCE).untilAsserted(() -> assertEveryTraceHasSpans(second, SPANS_BEFORE + SPANS_AFTER));
            assertThat(TraceStores.byUser(store(second, TraceStores.TRACES_BY_USER), store(second, TraceStores.TRACES),
                    user(), start.minusSeconds(1), start.plusSeconds(TRACES), TRACES))
                    .extracting(CollectedTrace::traceId)
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, TRACES).mapToObj(this::traceId).toList());
        }
    }

    private Properties config(EmbeddedKafkaBroker kafka, Path stateDirectory) {
        Properties config = new Properties();
        config.putAll(StreamsConfiguration.PRODUCER_SAFETY);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "llmwatch-trace-restart-it-" + run);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        return config;
    }

    private static KafkaStreams start(Properties config) {
        KafkaStreams streams = new KafkaStreams(topology(), config);
        streams.start();
        return streams;
    }

    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        SpanCostCalculator pricing = new SpanCostCalculator(PriceCatalog.bundled());
        TraceAssembly.addTo(builder, builder.stream(Topics.SPANS.name(),
                        Consumed.with(Topics.SPANS.keySerde(), Topics.SPANS.valueSerde())
                                .withTimestampExtractor(new SpanEventTimeExtractor()).withName("spans"))
                .mapValues(span -> PricedSpan.of(span, pricing), Named.as("price")), TraceSettings.DEFAULTS);
        return builder.build();
    }

    /** Spans {@code from} (inclusive) to {@code to} (exclusive) of every trace: LLM calls under one step. */
    private void sendSpans(EmbeddedKafkaBroker kafka, int from, int to) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                "bootstrap.servers", kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                Topics.SPANS.keySerde().serializer(), Topics.SPANS.valueSerde().serializer())) {
            for (int t = 0; t < TRACES; t++) {
                for (int s = from; s < to; s++) {
                    Instant begin = start.plusSeconds(t).plusMillis(s);
                    SpanEvent span = AgentSpans.llmCall(traceId(t), "call" + s, "step", begin, begin.plusMillis(1),
                            "gpt-4o", 1_000, 100).setAttribution(AgentSpans.user(user())).build();
                    producer.send(new ProducerRecord<>(Topics.SPANS.name(), span.getTraceId(), span));
                }
            }
        }
    }

    private void assertEveryTraceHasSpans(KafkaStreams streams, int spans) {
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        ReadOnlyWindowStore<String, CollectedTrace> traces = store(streams, TraceStores.TRACES);
        for (int t = 0; t < TRACES; t++) {
            assertThat(TraceStores.find(traces, traceId(t)))
                    .hasValueSatisfying(found -> assertThat(found.value.spans()).hasSize(spans));
        }
    }

    private static <V> ReadOnlyWindowStore<String, V> store(KafkaStreams streams, String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>windowStore()));
    }

    private String traceId(int t) {
        return String.format("%08x%024x", run.hashCode(), t);
    }

    private String user() {
        return "u-" + run;
    }
}
