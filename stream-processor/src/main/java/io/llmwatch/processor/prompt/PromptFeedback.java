package io.llmwatch.processor.prompt;

import java.util.Objects;

/**
 * A feedback score (a user's thumbs, an evaluator's grade) credited to a prompt version that answered
 * in the scored trace.
 *
 * @param quality the score, normalised to [0, 1] where the sender could
 */
public record PromptFeedback(String name, String version, double quality) implements PromptObservation {

    public PromptFeedback {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }
}
