package io.llmwatch.launcher.simulator;

import io.llmwatch.agent.Attribution;
import io.llmwatch.agent.CallError;
import io.llmwatch.agent.LlmCall;
import io.llmwatch.agent.Operation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Draws one run of the order assistant, an agent: it retrieves policy articles (embedding the query),
 * plans with the model, calls one to three tools and answers. The run is the root span
 * ({@code invoke_agent}); its steps are children that follow one another in time.
 */
final class AgentWorkflowSampler {

    static final String AGENT_NAME = "order-assistant";

    private static final List<String> TOOLS = List.of("lookup_order", "check_inventory", "issue_refund", "send_email");
    private static final int MAX_TOOL_CALLS = 3;
    private static final double TOOL_FAILURE_RATE = 0.03;
    private static final Duration TOOL_LATENCY = Duration.ofMillis(150);
    private static final Duration SEARCH_LATENCY = Duration.ofMillis(90);
    /** The agent's own work between steps: parsing tool calls, building the next prompt. */
    private static final Duration STEP_OVERHEAD = Duration.ofMillis(8);

    private final Random random;
    private final SimulatedIds ids;
    private final CallSampler calls;

    AgentWorkflowSampler(Random random, SimulatedIds ids, CallSampler calls) {
        this.random = random;
        this.ids = ids;
        this.calls = calls;
    }

    /** The run's spans in the order they end, the root last. Built backwards from {@code end}, the run's end. */
    List<LlmCall> sample(Feature feature, Treatment treatment, Attribution attribution, Instant end) {
        String traceId = ids.traceId();
        String runId = ids.spanId();
        Deque<LlmCall> steps = new ArrayDeque<>();

        LlmCall answer = calls.chat(feature, treatment, attribution, traceId, runId, end.minus(STEP_OVERHEAD), "stop");
        steps.addFirst(answer);
        Instant cursor = answer.startTime().minus(STEP_OVERHEAD);
        for (int toolCalls = 1 + random.nextInt(MAX_TOOL_CALLS); toolCalls > 0; toolCalls--) {
            LlmCall tool = tool(attribution, traceId, runId, cursor);
            steps.addFirst(tool);
            cursor = tool.startTime().minus(STEP_OVERHEAD);
        }
        LlmCall plan = calls.chat(feature, treatment, attribution, traceId, runId, cursor, "tool_calls");
        steps.addFirst(plan);
        cursor = plan.startTime().minus(STEP_OVERHEAD);
        String retrievalId = ids.spanId();
        LlmCall queryEmbedding = calls.embedding(attribution, traceId, retrievalId, cursor.minus(calls.jittered(SEARCH_LATENCY, 0.4)));
        LlmCall retrieval = step(Operation.RETRIEVAL, "retrieval order-policies", attribution, traceId, retrievalId, runId)
                .startTime(queryEmbedding.startTime())
                .endTime(cursor)
                .build();
        steps.addFirst(retrieval);
        steps.addFirst(queryEmbedding);

        steps.addLast(step(Operation.INVOKE_AGENT, "invoke_agent " + AGENT_NAME, attribution, traceId, runId, null)
                .agentName(AGENT_NAME)
                .startTime(queryEmbedding.startTime().minus(STEP_OVERHEAD))
                .endTime(end)
                .build());
        return List.copyOf(steps);
    }

    private LlmCall tool(Attribution attribution, String traceId, String runId, Instant end) {
        String name = TOOLS.get(random.nextInt(TOOLS.size()));
        LlmCall.Builder tool = step(Operation.EXECUTE_TOOL, "execute_tool " + name, attribution, traceId, ids.spanId(), runId)
                .toolName(name)
                .startTime(end.minus(calls.jittered(TOOL_LATENCY, 0.6)))
                .endTime(end);
        if (random.nextDouble() < TOOL_FAILURE_RATE) {
            tool.error(new CallError("java.util.concurrent.TimeoutException", name + " did not answer in time", true));
        }
        return tool.build();
    }

    private static LlmCall.Builder step(Operation operation, String name, Attribution attribution, String traceId,
                                        String spanId, String parentSpanId) {
        return LlmCall.builder()
                .operation(operation)
                .name(name)
                .traceId(traceId)
                .spanId(spanId)
                .parentSpanId(parentSpanId)
                .attribution(attribution);
    }
}
