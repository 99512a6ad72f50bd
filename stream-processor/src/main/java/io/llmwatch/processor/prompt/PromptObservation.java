package io.llmwatch.processor.prompt;

/**
 * What prompt analytics counts for a version: a call, or a score that arrived later as feedback on a
 * trace the version answered in. Both travel on one repartition by prompt name, in arrival order.
 */
public sealed interface PromptObservation permits PromptCall, PromptFeedback {

    String name();

    String version();
}
