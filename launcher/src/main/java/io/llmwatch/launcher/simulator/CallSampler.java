package io.llmwatch.launcher.simulator;

import io.llmwatch.agent.Attribution;
import io.llmwatch.agent.CallError;
import io.llmwatch.agent.LlmCall;
import io.llmwatch.agent.Operation;
import io.llmwatch.agent.RequestParams;
import io.llmwatch.agent.TokenUsage;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/** Draws single model calls: their token counts, latency, cache hits, errors and scores. */
final class CallSampler {

    /** Share of calls that fail: rate limits and overloads mostly, now and then a timeout. */
    static final double ERROR_RATE = 0.02;

    private static final double TIMEOUT_SHARE_OF_ERRORS = 0.2;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REJECTION_LATENCY = Duration.ofMillis(250);
    /** How often a request finds the system prompt still in the provider's prompt cache. */
    private static final double CACHE_HIT_RATE = 0.8;
    /** Prompt processing adds to the time to first token: long prompts answer later. */
    private static final double PREFILL_TOKENS_PER_SECOND = 20_000;
    private static final double EVALUATED_SHARE = 0.25;
    private static final TokenDistribution EMBEDDED_QUERY = new TokenDistribution(40, 0.5, 5, 400);

    private final Random random;
    private final SimulatedIds ids;

    CallSampler(Random random, SimulatedIds ids) {
        this.random = random;
        this.ids = ids;
    }

    /**
     * A chat call of {@code feature} ending at {@code end}.
     *
     * @param finishReason how the call finishes when it neither fails nor hits {@code max_tokens}:
     *                     {@code stop}, or {@code tool_calls} for an agent's planning step
     */
    LlmCall chat(Feature feature, Treatment treatment, Attribution attribution, String traceId, String parentSpanId,
                 Instant end, String finishReason) {
        CallShape shape = feature.shape();
        SimulatedModel model = treatment.model();
        LlmCall.Builder call = LlmCall.builder()
                .operation(Operation.CHAT)
                .provider(model.provider())
                .requestModel(model.name())
                .traceId(traceId)
                .spanId(ids.spanId())
                .parentSpanId(parentSpanId)
                .attribution(attribution)
                .prompt(treatment.prompt().version())
                .requestParams(RequestParams.builder().temperature(shape.temperature()).maxTokens(shape.maxTokens()).build())
                .endTime(end);
        if (random.nextDouble() < treatment.errorRate()) {
            CallError error = error(model);
            Duration waited = error.type().endsWith("TimeoutException") ? CLIENT_TIMEOUT : jittered(REJECTION_LATENCY, 0.4);
            return call.error(error).startTime(end.minus(waited)).build();
        }
        long input = Math.round(shape.input().sample(random) * treatment.inputScale());
        long wanted = Math.round(shape.output().sample(random) * treatment.prompt().outputScale());
        long output = Math.min(wanted, shape.maxTokens());
        TokenUsage usage = usage(shape, model, input, output);
        Duration timeToFirstToken = jittered(model.timeToFirstToken(), 0.3).plus(seconds(input / PREFILL_TOKENS_PER_SECOND));
        Duration generation = seconds(output / (model.outputTokensPerSecond() * Math.exp(0.15 * random.nextGaussian())));
        call.responseModel(model.responseModel())
                .usage(usage)
                .finishReasons(wanted > shape.maxTokens() ? "length" : finishReason)
                .timeToFirstToken(timeToFirstToken)
                .startTime(end.minus(timeToFirstToken).minus(generation))
                .clientCostUsd(model.price().costOf(usage));
        if (random.nextDouble() < EVALUATED_SHARE) {
            feature.quality().evaluator().ifPresent(score -> call.score(score, quality()));
        }
        return call.build();
    }

    /**
     * The mean usage of {@link #chat} calls shaped {@code shape} on {@code model} with the first prompt version:
     * what the typical request costs on average, cache hits and misses included.
     */
    static TokenUsage meanUsage(CallShape shape, SimulatedModel model) {
        long input = Math.round(shape.input().mean());
        long cacheable = Math.min(shape.cachedPrefixTokens(), input);
        long output = Math.round(Math.min(shape.output().mean(), shape.maxTokens()));
        return TokenUsage.builder()
                .inputTokens(input)
                .cacheReadTokens(Math.round(cacheable * CACHE_HIT_RATE))
                .cacheWriteTokens(model.billsCacheWrites() ? Math.round(cacheable * (1 - CACHE_HIT_RATE)) : 0)
                .outputTokens(output)
                .reasoningTokens(Math.round(output * shape.reasoningShare()))
                .build();
    }

    /** The embedding of a search query, as a retrieval step makes it. */
    LlmCall embedding(Attribution attribution, String traceId, String parentSpanId, Instant end) {
        SimulatedModel model = SimulatedModel.TEXT_EMBEDDING_3_SMALL;
        TokenUsage usage = TokenUsage.of(EMBEDDED_QUERY.sample(random), 0);
        return LlmCall.builder()
                .operation(Operation.EMBEDDINGS)
                .provider(model.provider())
                .requestModel(model.name())
                .responseModel(model.responseModel())
                .traceId(traceId)
                .spanId(ids.spanId())
                .parentSpanId(parentSpanId)
                .attribution(attribution)
                .usage(usage)
                .startTime(end.minus(jittered(model.timeToFirstToken(), 0.3)))
                .endTime(end)
                .clientCostUsd(model.price().costOf(usage))
                .build();
    }

    /** A duration around {@code typical}, log-normally spread like real latencies. */
    Duration jittered(Duration typical, double sigma) {
        return Duration.ofNanos(Math.round(typical.toNanos() * Math.exp(sigma * random.nextGaussian())));
    }

    private TokenUsage usage(CallShape shape, SimulatedModel model, long input, long output) {
        long cacheable = Math.min(shape.cachedPrefixTokens(), input);
        boolean cacheHit = cacheable > 0 && random.nextDouble() < CACHE_HIT_RATE;
        return TokenUsage.builder()
                .inputTokens(input)
                .cacheReadTokens(cacheHit ? cacheable : 0)
                .cacheWriteTokens(!cacheHit && model.billsCacheWrites() ? cacheable : 0)
                .outputTokens(output)
                .reasoningTokens(Math.round(output * shape.reasoningShare()))
                .build();
    }

    private CallError error(SimulatedModel model) {
        if (random.nextDouble() < TIMEOUT_SHARE_OF_ERRORS) {
            return new CallError("java.net.http.HttpTimeoutException", "request timed out", true);
        }
        return switch (model.provider()) {
            case "anthropic" -> new CallError("overloaded_error", "Overloaded", true);
            case "google" -> new CallError("503", "The model is overloaded. Please try again later.", true);
            default -> new CallError("429", "Rate limit reached for requests per minute", true);
        };
    }

    /** An evaluator's score in [0, 1]: mostly good answers, some poor ones. */
    private double quality() {
        return Math.max(0, Math.min(1, 0.86 + 0.07 * random.nextGaussian()));
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
