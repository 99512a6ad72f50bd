package io.llmwatch.launcher.simulator;

import io.llmwatch.agent.LlmCall;

import java.util.List;
import java.util.Optional;

/**
 * One user request to the simulated app and the telemetry it leaves: one span for a plain LLM call, a
 * tree of spans for an agent workflow (root last, as spans end), and sometimes the user's feedback.
 *
 * @param spans          every span of the request's trace, each a finished {@link LlmCall}
 * @param feedback       the user's rating, when they gave one
 * @param duringIncident whether the incident shaped this request
 */
public record Interaction(List<LlmCall> spans, Optional<UserFeedback> feedback, boolean duringIncident) {

    public Interaction {
        spans = List.copyOf(spans);
        if (spans.isEmpty()) {
            throw new IllegalArgumentException("An interaction has at least one span");
        }
    }

    /** The span the others hang from: the agent run of a workflow, or the only call. */
    public LlmCall root() {
        return spans.get(spans.size() - 1);
    }
}
