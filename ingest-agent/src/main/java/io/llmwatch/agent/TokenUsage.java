package io.llmwatch.agent;

import java.util.Objects;

/**
 * Tokens one model call consumed, in the OpenTelemetry GenAI convention (which genai-prices shares):
 * <ul>
 *   <li>{@link #inputTokens()} counts <em>every</em> prompt token, including those read from or written
 *       to the provider's cache: cache tokens are a breakdown of input, never an addition to it;</li>
 *   <li>{@link #outputTokens()} counts every completion token, including reasoning ("thinking") tokens.</li>
 * </ul>
 * The audio and image counts are breakdowns too: of input, of cache reads and of output respectively.
 * Anthropic reports cache tokens <em>beside</em> {@code input_tokens}: add them in before building this,
 * or let {@link io.llmwatch.agent.usage.UsageExtractors} read the provider's response.
 * OpenAI's {@code prompt_tokens} and {@code completion_tokens} already follow the convention.
 *
 * <p>The builder accepts any numbers; a usage that breaks the convention (a negative count, more cached
 * than input tokens) makes its span {@code invalid} when recorded instead of throwing in the caller.
 */
public final class TokenUsage {

    /** No tokens: spans that call no model. */
    public static final TokenUsage NONE = builder().build();

    private final long inputTokens;
    private final long outputTokens;
    private final long cacheReadTokens;
    private final long cacheWriteTokens;
    private final long reasoningTokens;
    private final long inputAudioTokens;
    private final long cacheAudioReadTokens;
    private final long outputAudioTokens;
    private final long inputImageTokens;
    private final long outputImageTokens;

    private TokenUsage(Builder builder) {
        this.inputTokens = builder.inputTokens;
        this.outputTokens = builder.outputTokens;
        this.cacheReadTokens = builder.cacheReadTokens;
        this.cacheWriteTokens = builder.cacheWriteTokens;
        this.reasoningTokens = builder.reasoningTokens;
        this.inputAudioTokens = builder.inputAudioTokens;
        this.cacheAudioReadTokens = builder.cacheAudioReadTokens;
        this.outputAudioTokens = builder.outputAudioTokens;
        this.inputImageTokens = builder.inputImageTokens;
        this.outputImageTokens = builder.outputImageTokens;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A usage with only the two totals. */
    public static TokenUsage of(long inputTokens, long outputTokens) {
        return builder().inputTokens(inputTokens).outputTokens(outputTokens).build();
    }

    /** All prompt tokens, cached ones included ({@code gen_ai.usage.input_tokens}). */
    public long inputTokens() {
        return inputTokens;
    }

    /** All completion tokens, reasoning included ({@code gen_ai.usage.output_tokens}). */
    public long outputTokens() {
        return outputTokens;
    }

    /** Prompt tokens served from the provider's cache; part of {@link #inputTokens()}. */
    public long cacheReadTokens() {
        return cacheReadTokens;
    }

    /** Prompt tokens written to the provider's cache; part of {@link #inputTokens()}. */
    public long cacheWriteTokens() {
        return cacheWriteTokens;
    }

    /** Reasoning tokens; part of {@link #outputTokens()}. */
    public long reasoningTokens() {
        return reasoningTokens;
    }

    /** Audio prompt tokens; part of {@link #inputTokens()}. */
    public long inputAudioTokens() {
        return inputAudioTokens;
    }

    /** Audio prompt tokens served from the cache; part of {@link #cacheReadTokens()}. */
    public long cacheAudioReadTokens() {
        return cacheAudioReadTokens;
    }

    /** Audio completion tokens; part of {@link #outputTokens()}. */
    public long outputAudioTokens() {
        return outputAudioTokens;
    }

    /** Image prompt tokens; part of {@link #inputTokens()}. */
    public long inputImageTokens() {
        return inputImageTokens;
    }

    /** Image completion tokens; part of {@link #outputTokens()}. */
    public long outputImageTokens() {
        return outputImageTokens;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenUsage that
                && inputTokens == that.inputTokens && outputTokens == that.outputTokens
                && cacheReadTokens == that.cacheReadTokens && cacheWriteTokens == that.cacheWriteTokens
                && reasoningTokens == that.reasoningTokens
                && inputAudioTokens == that.inputAudioTokens && cacheAudioReadTokens == that.cacheAudioReadTokens
                && outputAudioTokens == that.outputAudioTokens
                && inputImageTokens == that.inputImageTokens && outputImageTokens == that.outputImageTokens;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens,
                inputAudioTokens, cacheAudioReadTokens, outputAudioTokens, inputImageTokens, outputImageTokens);
    }

    @Override
    public String toString() {
        return "TokenUsage{input=" + inputTokens + ", output=" + outputTokens + ", cacheRead=" + cacheReadTokens
                + ", cacheWrite=" + cacheWriteTokens + ", reasoning=" + reasoningTokens
                + ", inputAudio=" + inputAudioTokens + ", cacheAudioRead=" + cacheAudioReadTokens
                + ", outputAudio=" + outputAudioTokens + ", inputImage=" + inputImageTokens
                + ", outputImage=" + outputImageTokens + '}';
    }

    public static final class Builder {
        private long inputTokens;
        private long outputTokens;
        private long cacheReadTokens;
        private long cacheWriteTokens;
        private long reasoningTokens;
        private long inputAudioTokens;
        private long cacheAudioReadTokens;
        private long outputAudioTokens;
        private long inputImageTokens;
        private long outputImageTokens;

        private Builder() {
        }

        /** All prompt tokens, cached ones included. */
        public Builder inputTokens(long inputTokens) {
            this.inputTokens = inputTokens;
            return this;
        }

        /** All completion tokens, reasoning included. */
        public Builder outputTokens(long outputTokens) {
            this.outputTokens = outputTokens;
            return this;
        }

        /** The part of the input tokens read from the cache. */
        public Builder cacheReadTokens(long cacheReadTokens) {
            this.cacheReadTokens = cacheReadTokens;
            return this;
        }

        /** The part of the input tokens written to the cache. */
        public Builder cacheWriteTokens(long cacheWriteTokens) {
            this.cacheWriteTokens = cacheWriteTokens;
            return this;
        }

        /** The part of the output tokens spent reasoning. */
        public Builder reasoningTokens(long reasoningTokens) {
            this.reasoningTokens = reasoningTokens;
            return this;
        }

        /** The part of the input tokens that were audio. */
        public Builder inputAudioTokens(long inputAudioTokens) {
            this.inputAudioTokens = inputAudioTokens;
            return this;
        }

        /** The part of the cache-read tokens that were audio. */
        public Builder cacheAudioReadTokens(long cacheAudioReadTokens) {
            this.cacheAudioReadTokens = cacheAudioReadTokens;
            return this;
        }

        /** The part of the output tokens that were audio. */
        public Builder outputAudioTokens(long outputAudioTokens) {
            this.outputAudioTokens = outputAudioTokens;
            return this;
        }

        /** The part of the input tokens that were images. */
        public Builder inputImageTokens(long inputImageTokens) {
            this.inputImageTokens = inputImageTokens;
            return this;
        }

        /** The part of the output tokens that were images. */
        public Builder outputImageTokens(long outputImageTokens) {
            this.outputImageTokens = outputImageTokens;
            return this;
        }

        public TokenUsage build() {
            return new TokenUsage(this);
        }
    }
}
