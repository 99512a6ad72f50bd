package io.llmwatch.launcher.simulator;

import io.llmwatch.agent.LlmWatch;

/** Where simulated traffic goes. In the launcher that is the agent; tests collect it instead. */
@FunctionalInterface
public interface TrafficSink {

    void deliver(Interaction interaction);

    /** Records every span and every feedback through the agent's public API, as an application would. */
    static TrafficSink into(LlmWatch watch) {
        return interaction -> {
            interaction.spans().forEach(watch::record);
            interaction.feedback().ifPresent(feedback ->
                    watch.feedback(feedback.traceId(), feedback.name(), feedback.score(), feedback.comment()));
        };
    }
}
