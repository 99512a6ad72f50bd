package io.llmwatch.processor.trace;

import com.fasterxml.jackson.annotation.JsonValue;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.schemas.span.SpanEvent;

/** What a node of an agent trace did, from its OpenTelemetry GenAI operation name. */
public enum SpanKind {
    AGENT_STEP("agent_step"),
    TOOL_CALL("tool_call"),
    RETRIEVAL("retrieval"),
    LLM_CALL("llm_call"),
    OTHER("other");

    private final String label;

    SpanKind(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /**
     * The operation decides first: an {@code invoke_agent} span may name the agent's model, yet it is
     * a step that contains LLM calls, not one itself.
     */
    public static SpanKind of(SpanEvent span) {
        return switch (span.getOperation()) {
            case "invoke_agent", "create_agent" -> AGENT_STEP;
            case "execute_tool" -> TOOL_CALL;
            case "retrieval" -> RETRIEVAL;
            default -> SpanCostCalculator.isModelCall(span) ? LLM_CALL : OTHER;
        };
    }
}
