package io.llmwatch.schemas.limits;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.Severity;
import io.llmwatch.schemas.serde.AvroSerde;
import io.llmwatch.schemas.serde.SchemaCatalog;
import io.llmwatch.schemas.span.Attribution;
import io.llmwatch.schemas.span.Content;
import io.llmwatch.schemas.span.RequestParameters;
import io.llmwatch.schemas.span.Score;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.span.Usage;
import io.llmwatch.schemas.topic.Topics;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The span decoder on hostile bytes: whatever arrives, decoding returns a span within {@link SpanLimits}
 * or throws a {@link SerializationException} with a reason (which the processor dead-letters). Nothing
 * else escapes: no other exception, no {@link OutOfMemoryError} from a lying length prefix.
 */
class SpanDecoderFuzzTest {

    private static final AvroSerde<SpanEvent> SERDE = (AvroSerde<SpanEvent>) Topics.SPANS.valueSerde();
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final byte[] VALID = SERDE.encode(span(UnaryOperator.identity()));
    private static final int HEADER_BYTES = 10;

    static SpanEvent span(UnaryOperator<SpanEvent.Builder> change) {
        long end = Instant.now().toEpochMilli() * NANOS_PER_MILLI;
        return change.apply(SpanEvent.newBuilder()
                .setTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .setSpanId("00f067aa0ba902b7")
                .setName("chat gpt-4o")
                .setOperation("chat")
                .setProvider("openai")
                .setRequestModel("gpt-4o")
                .setStartTimeUnixNano(end - 800 * NANOS_PER_MILLI)
                .setEndTimeUnixNano(end)
                .setUsage(Usage.newBuilder().setInputTokens(1_000).setOutputTokens(200).build())
                .setAttribution(Attribution.newBuilder().setTenant("acme").setTags(Map.of("team", "search")).build())
                .setContent(Content.newBuilder().build())
                .setSource("test")).build();
    }

    /** Decodes, or fails the way the processor's dead-letter handler expects; anything else fails the test. */
    private static void decodesOrRefusesWithAReason(byte[] bytes) {
        try {
            SpanEvent span = SERDE.decode(bytes);
            assertThat(new SpanCheck(SpanLimits.DEFAULTS, java.time.Clock.systemUTC()).violation(span)).isEmpty();
        } catch (SerializationException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1_000)
    void arbitraryBytesNeverEscapeAsAnythingButASerializationException(@ForAll @Size(max = 512) byte[] bytes) {
        decodesOrRefusesWithAReason(bytes);
    }

    @Property(tries = 1_500)
    void anyBodyBehindAKnownFingerprintDecodesOrIsRefused(@ForAll @Size(max = 400) byte[] body) {
        byte[] bytes = Arrays.copyOf(VALID, HEADER_BYTES + body.length);
        System.arraycopy(body, 0, bytes, HEADER_BYTES, body.length);
        decodesOrRefusesWithAReason(bytes);
    }

    @Property(tries = 600)
    void mutatedAndTruncatedSpansDecodeOrAreRefused(@ForAll("mutations") List<int[]> flips,
                                                    @ForAll @IntRange(min = 0, max = 400) int keep) {
        byte[] bytes = Arrays.copyOf(VALID, Math.min(keep, VALID.length));
        for (int[] flip : flips) {
            if (bytes.length > HEADER_BYTES) {
                bytes[HEADER_BYTES + flip[0] % (bytes.length - HEADER_BYTES)] = (byte) flip[1];
            }
        }
        decodesOrRefusesWithAReason(bytes);
    }

    @Provide
    Arbitrary<List<int[]>> mutations() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE)
                .flatMap(position -> Arbitraries.integers().between(0, 255).map(value -> new int[]{position, value}))
                .list().ofMaxSize(8);
    }

    @Example
    void aLengthPrefixClaimingGigabytesIsRefusedWithoutAllocatingThem() {
        // After the header: traceId's length as a zig-zag varint of 1.9 billion, then nothing.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(VALID, 0, HEADER_BYTES);
        long zigZag = 1_900_000_000L << 1;
        while ((zigZag & ~0x7FL) != 0) {
            bytes.write((int) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        bytes.write((int) zigZag);

        assertThatThrownBy(() -> SERDE.decode(bytes.toByteArray()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Corrupt SpanEvent");
    }

    private static void refusedBecause(SpanEvent span, String reason) {
        byte[] bytes = SERDE.encode(span);
        assertThatThrownBy(() -> SERDE.decode(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Invalid SpanEvent: ")
                .hasMessageContaining(reason);
    }

    @Example
    void aMegabyteStringIsRefused() {
        refusedBecause(span(s -> s.setRequestModel("m".repeat(1 << 20))), "requestModel has 1048576 characters, at most 1024");
    }

    @Example
    void tenThousandTagsAreRefused() {
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            tags.put("k" + i, "v");
        }
        refusedBecause(span(s -> s.setAttribution(Attribution.newBuilder().setTags(tags).build())),
                "attribution.tags has 10000 tags, at most 128");
    }

    @Example
    void negativeAndOverflowingTokenCountsAreRefused() {
        refusedBecause(span(s -> s.setUsage(Usage.newBuilder().setInputTokens(-1).build())), "usage.inputTokens -1 is outside");
        refusedBecause(span(s -> s.setUsage(Usage.newBuilder().setOutputTokens(Long.MAX_VALUE).build())),
                "usage.outputTokens 9223372036854775807 is outside [0, 10000000000]");
    }

    @Example
    void timestampsFarInThePastOrFutureAreRefused() {
        refusedBecause(span(s -> s.setStartTimeUnixNano(0).setEndTimeUnixNano(1)), "is before 2000-01-01T00:00:00Z");
        refusedBecause(span(s -> s.setEndTimeUnixNano(-1)), "is before 2000-01-01T00:00:00Z");
        refusedBecause(span(s -> s.setEndTimeUnixNano(Long.MAX_VALUE)), "after this processor's clock");
        refusedBecause(span(s -> s.setStartTimeUnixNano(s.getEndTimeUnixNano() + 1)), "startTimeUnixNano");
    }

    @Example
    void nanAndInfiniteScoresAndParametersAreRefused() {
        refusedBecause(span(s -> s.setScores(List.of(new Score("relevance", Double.NaN, null)))), "score relevance is not a finite number: NaN");
        refusedBecause(span(s -> s.setScores(List.of(new Score("relevance", Double.POSITIVE_INFINITY, null)))), "Infinity");
        refusedBecause(span(s -> s.setRequest(RequestParameters.newBuilder().setTemperature(Double.NEGATIVE_INFINITY).build())),
                "request.temperature is not a finite number");
    }

    @Example
    void aSpanWithoutTimesIsAcceptedAndTimedByItsRecord() {
        SpanEvent untimed = span(s -> s.setStartTimeUnixNano(0).setEndTimeUnixNano(0));

        assertThat(SERDE.decode(SERDE.encode(untimed))).isEqualTo(untimed);
    }

    @Example
    void anUnknownOperationIsNotAReasonToRefuseASpan() {
        SpanEvent unknown = span(s -> s.setOperation("teleport"));

        assertThat(SERDE.decode(SERDE.encode(unknown))).isEqualTo(unknown);
    }

    @Example
    void anUnknownEnumSymbolFromANewerWriterFallsBackToTheSchemaDefault() {
        // A newer writer knows a fifth severity; this build's reader resolves it to Severity's declared default.
        Schema newer = new Schema.Parser().parse(AlertEvent.getClassSchema().toString()
                .replace("\"CRITICAL\"]", "\"CRITICAL\",\"FATAL\"]"));
        Schema severity = newer.getField("severity").schema();
        GenericData.Record alert = new GenericRecordBuilder(newer)
                .set("alertId", "a-1").set("dedupKey", "d").set("type", "cost_spike")
                .set("severity", new GenericData.EnumSymbol(severity, "FATAL"))
                .set("status", new GenericData.EnumSymbol(newer.getField("status").schema(), "FIRING"))
                .set("dimension", "feature").set("dimensionKey", "search")
                .set("windowStartMillis", 0L).set("windowEndMillis", 1L)
                .set("observed", "2").set("expected", "1").set("summary", "s").set("detectedAtMillis", 1L)
                .build();
        SchemaCatalog catalog = SchemaCatalog.withBundledSchemas();
        catalog.register(newer);
        AvroSerde<AlertEvent> alerts = new AvroSerde<>(AlertEvent.class, AlertEvent.getClassSchema(), catalog);
        byte[] bytes;
        try {
            bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), newer).encode(alert).array();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        assertThat(alerts.decode(bytes).getSeverity()).isEqualTo(Severity.WARNING);
    }

    @Example
    void limitsAreConfigurable() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("llmwatch.limits.max-tags", "10000");
        properties.setProperty("llmwatch.limits.max-future-skew", "PT5M");

        SpanLimits limits = SpanLimits.from(properties);

        assertThat(limits.maxTags()).isEqualTo(10_000);
        assertThat(limits.maxFutureSkew()).hasMinutes(5);
        assertThat(limits.maxFieldChars()).isEqualTo(SpanLimits.DEFAULTS.maxFieldChars());
        properties.setProperty("llmwatch.limits.max-tokens", "-5");
        assertThatThrownBy(() -> SpanLimits.from(properties)).hasMessageContaining("llmwatch.limits.max-tokens must be positive");
    }
}
