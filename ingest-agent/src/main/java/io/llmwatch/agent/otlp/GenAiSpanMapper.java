package io.llmwatch.agent.otlp;

import io.llmwatch.agent.CallError;
import io.llmwatch.agent.LlmCall;
import io.llmwatch.agent.Operation;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an OTLP span as an LLM call, following the OpenTelemetry GenAI semantic conventions under their
 * current and deprecated names. Spans that describe no GenAI work (HTTP handlers, database queries) are
 * not its business: they map to nothing.
 */
final class GenAiSpanMapper {

    private static final HexFormat HEX = HexFormat.of();

    /** Traceloop marks agent and tool spans by kind, sometimes with no {@code gen_ai.*} attribute at all. */
    private static final String TRACELOOP_SPAN_KIND = "traceloop.span.kind";
    private static final Set<String> TRACELOOP_GEN_AI_KINDS = Set.of("agent", "tool");

    /**
     * Operation names: every {@code gen_ai.operation.name} llmwatch knows, OpenLLMetry's older
     * {@code llm.request.type} values and Traceloop's span kinds.
     */
    private static final Map<String, Operation> OPERATIONS = operations();

    private GenAiSpanMapper() {
    }

    /** The call {@code span} describes, or empty if it is not a GenAI span. */
    static Optional<LlmCall> map(Span span, SpanAttributes resourceAttributes) {
        SpanAttributes own = SpanAttributes.of(span.getAttributesList());
        if (!isGenAi(own)) {
            return Optional.empty();
        }
        SpanAttributes attributes = own.over(resourceAttributes);
        return Optional.of(LlmCall.builder()
                .operation(operation(attributes))
                .name(span.getName().isBlank() ? null : span.getName())
                .traceId(HEX.formatHex(span.getTraceId().toByteArray()))
                .spanId(HEX.formatHex(span.getSpanId().toByteArray()))
                .parentSpanId(span.getParentSpanId().isEmpty() ? null : HEX.formatHex(span.getParentSpanId().toByteArray()))
                .startTime(instant(span.getStartTimeUnixNano()))
                .endTime(instant(span.getEndTimeUnixNano()))
                .provider(attributes.string("gen_ai.provider.name", "gen_ai.system").orElse(null))
                .requestModel(attributes.string("gen_ai.request.model").orElse(null))
                .responseModel(attributes.string("gen_ai.response.model").orElse(null))
                .responseId(attributes.string("gen_ai.response.id").orElse(null))
                .agentName(attributes.string("gen_ai.agent.name").orElse(null))
                .toolName(attributes.string("gen_ai.tool.name").orElse(null))
                .usage(UsageAttributes.read(attributes))
                .requestParams(RequestAttributes.read(attributes).orElse(null))
                .finishReasons(attributes.strings("gen_ai.response.finish_reasons", "llm.response.finish_reason")
                        .toArray(String[]::new))
                .error(error(span.getStatus(), attributes).orElse(null))
                .attribution(AttributionAttributes.read(attributes))
                .prompt(PromptAttributes.read(attributes).orElse(null))
                .promptText(ContentAttributes.prompt(attributes).orElse(null))
                .responseText(ContentAttributes.response(attributes).orElse(null))
                .build());
    }

    private static boolean isGenAi(SpanAttributes attributes) {
        return attributes.hasAnyStartingWith("gen_ai.")
                || attributes.string(TRACELOOP_SPAN_KIND).filter(TRACELOOP_GEN_AI_KINDS::contains).isPresent();
    }

    /**
     * The span's operation; an unknown or missing name falls back on what the span names: a tool, an
     * agent, or else a model call.
     */
    private static Operation operation(SpanAttributes attributes) {
        return attributes.string("gen_ai.operation.name", "llm.request.type", TRACELOOP_SPAN_KIND)
                .map(OPERATIONS::get)
                .orElseGet(() -> attributes.string("gen_ai.tool.name").isPresent() ? Operation.EXECUTE_TOOL
                        : attributes.string("gen_ai.agent.name").isPresent() ? Operation.INVOKE_AGENT
                        : Operation.CHAT);
    }

    /** A span with status ERROR failed; {@code error.type} says how, as OpenTelemetry recommends. */
    private static Optional<CallError> error(Status status, SpanAttributes attributes) {
        if (status.getCode() != Status.StatusCode.STATUS_CODE_ERROR) {
            return Optional.empty();
        }
        String message = status.getMessage().isBlank() ? null : status.getMessage();
        return Optional.of(new CallError(attributes.string("error.type").orElse("error"), message, false));
    }

    private static Instant instant(long unixNanos) {
        return Instant.ofEpochSecond(0, unixNanos);
    }

    private static Map<String, Operation> operations() {
        Map<String, Operation> byName = new HashMap<>();
        for (Operation operation : Operation.values()) {
            byName.put(operation.operationName(), operation);
        }
        byName.put("completion", Operation.TEXT_COMPLETION);
        byName.put("embedding", Operation.EMBEDDINGS);
        byName.put("agent", Operation.INVOKE_AGENT);
        byName.put("tool", Operation.EXECUTE_TOOL);
        return Map.copyOf(byName);
    }
}
