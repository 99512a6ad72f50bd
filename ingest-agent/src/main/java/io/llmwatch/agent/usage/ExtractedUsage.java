package io.llmwatch.agent.usage;

import io.llmwatch.agent.TokenUsage;

import java.util.Objects;
import java.util.Optional;

/** What a provider's response says about the call: the model that answered, when the body names it, and the tokens. */
public final class ExtractedUsage {

    private final String model;
    private final TokenUsage usage;

    ExtractedUsage(String model, TokenUsage usage) {
        this.model = model;
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    /** The response's model; empty for APIs whose responses do not name it, such as Bedrock Converse. */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    public TokenUsage usage() {
        return usage;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExtractedUsage that && Objects.equals(model, that.model) && usage.equals(that.usage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, usage);
    }

    @Override
    public String toString() {
        return "ExtractedUsage{model=" + model + ", " + usage + '}';
    }
}
