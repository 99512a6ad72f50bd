package io.llmwatch.processor.topology;

import io.llmwatch.processor.cost.CostAggregate;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.schemas.serde.AvroSerde;
import io.llmwatch.schemas.span.Attribution;
import io.llmwatch.schemas.span.Score;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.span.Usage;
import io.llmwatch.schemas.topic.Topics;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch of spans with hostile records mixed in, through the whole topology: every hostile record lands on
 * the dead-letter topic with its reason, and the valid spans around it are counted and priced exactly as if
 * the hostile ones had never been sent.
 */
class HostileSpansPropertiesTest {

    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
    private static final PriceCatalog CATALOG = PriceCatalog.bundled();
    private static final SpanCostCalculator PRICING = new SpanCostCalculator(CATALOG);
    private static final AvroSerde<SpanEvent> SERDE = (AvroSerde<SpanEvent>) Topics.SPANS.valueSerde();
    private static final long NANOS_PER_MILLI = 1_000_000L;

    /** One record of the batch: the bytes sent, and the span if it is a valid one. */
    record Input(byte[] bytes, SpanEvent valid) {
    }

    @Property(tries = 3)
    void hostileRecordsAreDeadLetteredWithAReasonAndValidOnesAreUnaffected(@ForAll("batches") List<Input> batch) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "hostile-spans-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        config.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DLQ.name());
        Clock clock = Clock.fixed(HOUR.plusSeconds(3_600), ZoneOffset.UTC);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                LlmWatchTopology.build(TopologySettings.DEFAULTS, PRICING, clock), config, HOUR)) {
            TestInputTopic<byte[], byte[]> spans = driver.createInputTopic(Topics.SPANS.name(),
                    new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<byte[], byte[]> deadLetters = driver.createOutputTopic(Topics.DLQ.name(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());

            batch.forEach(input -> spans.pipeInput("trace".getBytes(StandardCharsets.UTF_8), input.bytes(), HOUR.plusSeconds(1)));
            // Attribution pre-aggregates within a task and forwards on a wall-clock punctuation.
            driver.advanceWallClockTime(java.time.Duration.ofSeconds(5));

            List<SpanEvent> valid = batch.stream().map(Input::valid).filter(java.util.Objects::nonNull).toList();
            List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
            assertThat(dead).hasSize(batch.size() - valid.size());
            for (TestRecord<byte[], byte[]> record : dead) {
                Header reason = record.headers().lastHeader("__streams.errors.message");
                assertThat(reason).isNotNull();
                assertThat(new String(reason.value(), StandardCharsets.UTF_8)).isNotBlank();
            }
            WindowStore<String, CostAggregate> hourly = driver.getWindowStore("cost-by-dimension-1h");
            CostAggregate model = hourly.fetch("model|gpt-4o", HOUR.toEpochMilli());
            assertThat(model == null ? 0 : model.calls()).isEqualTo(valid.size());
            BigDecimal expected = valid.stream().map(span -> PRICING.cost(span).costUsd()).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(model == null ? BigDecimal.ZERO : model.costUsd()).isEqualByComparingTo(expected);
        }
    }

    @Provide
    Arbitrary<List<Input>> batches() {
        Arbitrary<Input> valid = Arbitraries.longs().between(0, 100_000).map(tokens -> {
            SpanEvent span = span(tokens, UnaryOperator.identity());
            return new Input(SERDE.encode(span), span);
        });
        Arbitrary<Input> hostile = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(bytes -> new Input(bytes, null)),
                Arbitraries.of(hostileSpans()).map(span -> new Input(SERDE.encode(span), null)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, valid), net.jqwik.api.Tuple.of(1, hostile)).list().ofMinSize(1).ofMaxSize(40);
    }

    private static List<SpanEvent> hostileSpans() {
        Map<String, String> tenThousandTags = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            tenThousandTags.put("k" + i, "v");
        }
        return List.of(
                span(1, s -> s.setUsage(Usage.newBuilder().setInputTokens(-1).build())),
                span(1, s -> s.setUsage(Usage.newBuilder().setInputTokens(Long.MAX_VALUE).setOutputTokens(Long.MAX_VALUE).build())),
                span(1, s -> s.setEndTimeUnixNano(Long.MAX_VALUE)),
                span(1, s -> s.setStartTimeUnixNano(1).setEndTimeUnixNano(2)),
                span(1, s -> s.setScores(List.of(new Score("quality", Double.NaN, null)))),
                span(1, s -> s.setAttribution(Attribution.newBuilder().setFeature("f").setTags(tenThousandTags).build())),
                span(1, s -> s.setAttribution(Attribution.newBuilder().setFeature("f".repeat(1 << 20)).build())));
    }

    private static SpanEvent span(long inputTokens, UnaryOperator<SpanEvent.Builder> change) {
        long end = HOUR.plusSeconds(30).toEpochMilli() * NANOS_PER_MILLI;
        return change.apply(SpanEvent.newBuilder()
                .setTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .setSpanId(Long.toHexString(System.nanoTime()))
                .setName("chat gpt-4o")
                .setOperation("chat")
                .setProvider("openai")
                .setRequestModel("gpt-4o")
                .setStartTimeUnixNano(end - 800 * NANOS_PER_MILLI)
                .setEndTimeUnixNano(end)
                .setUsage(Usage.newBuilder().setInputTokens(inputTokens).setOutputTokens(10).build())
                .setAttribution(Attribution.newBuilder().setTenant("acme").setFeature("search").build())
                .setContent(io.llmwatch.schemas.span.Content.newBuilder().build())
                .setSource("test")).build();
    }
}
