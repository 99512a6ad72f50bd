package io.llmwatch.processor.topology;

import io.llmwatch.schemas.span.Attribution;
import io.llmwatch.schemas.span.Content;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.span.Usage;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Builds realistic span events for topology tests. */
final class TestSpans {

    private static final AtomicLong IDS = new AtomicLong();
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private TestSpans() {
    }

    static SpanEvent llmCall(Instant end, String provider, String model, String feature, String user,
                             long inputTokens, long outputTokens) {
        long id = IDS.incrementAndGet();
        long endNanos = end.toEpochMilli() * NANOS_PER_MILLI;
        return SpanEvent.newBuilder()
                .setTraceId(HexFormat.of().formatHex(new byte[8]) + HexFormat.of().toHexDigits(id))
                .setSpanId(HexFormat.of().toHexDigits(id))
                .setName("chat " + model)
                .setOperation("chat")
                .setProvider(provider)
                .setRequestModel(model)
                .setResponseModel(model)
                .setStartTimeUnixNano(endNanos - 800 * NANOS_PER_MILLI)
                .setEndTimeUnixNano(endNanos)
                .setUsage(Usage.newBuilder().setInputTokens(inputTokens).setOutputTokens(outputTokens).build())
                .setAttribution(Attribution.newBuilder()
                        .setTenant("acme").setUser(user).setFeature(feature).setTags(Map.of()).build())
                .setContent(Content.newBuilder().build())
                .setSource("test")
                .build();
    }
}
