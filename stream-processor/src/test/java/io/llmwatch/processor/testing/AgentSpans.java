package io.llmwatch.processor.testing;

import io.llmwatch.schemas.span.Attribution;
import io.llmwatch.schemas.span.Content;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.span.Usage;

import java.time.Instant;
import java.util.Map;

/**
 * Spans of agent runs for tests: steps, tool calls and LLM calls linked by parent span ids. Each
 * method returns a builder, so a test sets only what it is about (prompt, scores, error).
 */
public final class AgentSpans {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private AgentSpans() {
    }

    public static SpanEvent.Builder span(String traceId, String spanId, String parentSpanId, String operation,
                                         Instant start, Instant end) {
        return SpanEvent.newBuilder()
                .setTraceId(traceId)
                .setSpanId(spanId)
                .setParentSpanId(parentSpanId)
                .setName(operation + " " + spanId)
                .setOperation(operation)
                .setStartTimeUnixNano(start.toEpochMilli() * NANOS_PER_MILLI)
                .setEndTimeUnixNano(end.toEpochMilli() * NANOS_PER_MILLI)
                .setUsage(Usage.newBuilder().build())
                .setAttribution(user(null))
                .setContent(Content.newBuilder().build())
                .setSource("test");
    }

    /** An OpenAI chat call; the model must be in the bundled catalogue for it to be priced. */
    public static SpanEvent.Builder llmCall(String traceId, String spanId, String parentSpanId, Instant start, Instant end,
                                            String model, long inputTokens, long outputTokens) {
        return span(traceId, spanId, parentSpanId, "chat", start, end)
                .setProvider("openai")
                .setRequestModel(model)
                .setResponseModel(model)
                .setUsage(Usage.newBuilder().setInputTokens(inputTokens).setOutputTokens(outputTokens).build());
    }

    public static Attribution user(String user) {
        return Attribution.newBuilder().setTenant("acme").setUser(user).setFeature("support-chat").setTags(Map.of()).build();
    }
}
