package io.llmwatch.agent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The sampling parameters a model call was made with ({@code gen_ai.request.*}); unset ones are empty. */
public final class RequestParams {

    private final Double temperature;
    private final Double topP;
    private final Double topK;
    private final Long maxTokens;
    private final Double frequencyPenalty;
    private final Double presencePenalty;
    private final Long seed;
    private final List<String> stopSequences;
    private final String outputType;

    private RequestParams(Builder builder) {
        this.temperature = builder.temperature;
        this.topP = builder.topP;
        this.topK = builder.topK;
        this.maxTokens = builder.maxTokens;
        this.frequencyPenalty = builder.frequencyPenalty;
        this.presencePenalty = builder.presencePenalty;
        this.seed = builder.seed;
        this.stopSequences = builder.stopSequences;
        this.outputType = builder.outputType;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Double> temperature() {
        return Optional.ofNullable(temperature);
    }

    public Optional<Double> topP() {
        return Optional.ofNullable(topP);
    }

    public Optional<Double> topK() {
        return Optional.ofNullable(topK);
    }

    public Optional<Long> maxTokens() {
        return Optional.ofNullable(maxTokens);
    }

    public Optional<Double> frequencyPenalty() {
        return Optional.ofNullable(frequencyPenalty);
    }

    public Optional<Double> presencePenalty() {
        return Optional.ofNullable(presencePenalty);
    }

    public Optional<Long> seed() {
        return Optional.ofNullable(seed);
    }

    public List<String> stopSequences() {
        return stopSequences;
    }

    /** {@code gen_ai.output.type}: text, json, image or speech. */
    public Optional<String> outputType() {
        return Optional.ofNullable(outputType);
    }

    public static final class Builder {
        private Double temperature;
        private Double topP;
        private Double topK;
        private Long maxTokens;
        private Double frequencyPenalty;
        private Double presencePenalty;
        private Long seed;
        private List<String> stopSequences = List.of();
        private String outputType;

        private Builder() {
        }

        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder topP(double topP) {
            this.topP = topP;
            return this;
        }

        public Builder topK(double topK) {
            this.topK = topK;
            return this;
        }

        public Builder maxTokens(long maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        public Builder frequencyPenalty(double frequencyPenalty) {
            this.frequencyPenalty = frequencyPenalty;
            return this;
        }

        public Builder presencePenalty(double presencePenalty) {
            this.presencePenalty = presencePenalty;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Null entries are ignored. */
        public Builder stopSequences(List<String> stopSequences) {
            this.stopSequences = stopSequences == null ? List.of()
                    : stopSequences.stream().filter(Objects::nonNull).toList();
            return this;
        }

        public Builder outputType(String outputType) {
            this.outputType = outputType;
            return this;
        }

        public RequestParams build() {
            return new RequestParams(this);
        }
    }
}
