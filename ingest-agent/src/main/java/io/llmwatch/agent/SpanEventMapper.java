package io.llmwatch.agent;

import io.llmwatch.agent.content.ContentCapture;
import io.llmwatch.schemas.span.PromptRef;
import io.llmwatch.schemas.span.RequestParameters;
import io.llmwatch.schemas.span.SpanError;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.span.Usage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Turns a recorded call into the {@code SpanEvent} contract, filling attribution gaps from the client's
 * defaults and applying the content policy. Runs on the export worker, never on the caller's thread.
 */
final class SpanEventMapper {

    private final String serviceName;
    private final String source;
    private final Attribution defaults;
    private final ContentCapture contentCapture;

    SpanEventMapper(String serviceName, String source, Attribution defaults, ContentCapture contentCapture) {
        this.serviceName = serviceName;
        this.source = source;
        this.defaults = defaults;
        this.contentCapture = contentCapture;
    }

    SpanEvent toSpanEvent(LlmCall call) {
        return SpanEvent.newBuilder()
                .setTraceId(call.traceId())
                .setSpanId(call.spanId())
                .setParentSpanId(call.parentSpanId().orElse(null))
                .setName(call.name())
                .setOperation(call.operation().operationName())
                .setProvider(call.provider().orElse(null))
                .setRequestModel(call.requestModel().orElse(null))
                .setResponseModel(call.responseModel().orElse(null))
                .setResponseId(call.responseId().orElse(null))
                .setAgentName(call.agentName().orElse(null))
                .setToolName(call.toolName().orElse(null))
                .setStartTimeUnixNano(unixNanos(call.startTime()))
                .setEndTimeUnixNano(unixNanos(call.endTime()))
                .setTimeToFirstTokenNanos(call.timeToFirstToken().map(Duration::toNanos).orElse(null))
                .setUsage(usage(call.usage()))
                .setRequest(call.requestParams().map(SpanEventMapper::request).orElse(null))
                .setFinishReasons(call.finishReasons())
                .setError(call.error().map(error -> new SpanError(error.type(), error.message(), error.retryable())).orElse(null))
                .setAttribution(attribution(call.attribution().withFallback(defaults)))
                .setPrompt(call.prompt().map(prompt -> new PromptRef(prompt.name(), prompt.version(), prompt.templateSha256())).orElse(null))
                .setContent(contentCapture.capture(call.promptText().orElse(null), call.responseText().orElse(null)))
                .setScores(call.scores().stream()
                        .map(score -> new io.llmwatch.schemas.span.Score(score.name(), score.value(), score.comment()))
                        .toList())
                .setClientCostUsd(call.clientCostUsd().map(BigDecimal::toPlainString).orElse(null))
                .setSource(source)
                .build();
    }

    private static long unixNanos(Instant instant) {
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }

    private static Usage usage(TokenUsage usage) {
        return Usage.newBuilder()
                .setInputTokens(usage.inputTokens())
                .setOutputTokens(usage.outputTokens())
                .setCacheReadTokens(usage.cacheReadTokens())
                .setCacheWriteTokens(usage.cacheWriteTokens())
                .setReasoningTokens(usage.reasoningTokens())
                .setInputAudioTokens(usage.inputAudioTokens())
                .setCacheAudioReadTokens(usage.cacheAudioReadTokens())
                .setOutputAudioTokens(usage.outputAudioTokens())
                .setInputImageTokens(usage.inputImageTokens())
                .setOutputImageTokens(usage.outputImageTokens())
                .build();
    }

    private static RequestParameters request(RequestParams params) {
        return RequestParameters.newBuilder()
                .setTemperature(params.temperature().orElse(null))
                .setTopP(params.topP().orElse(null))
                .setTopK(params.topK().orElse(null))
                .setMaxTokens(params.maxTokens().orElse(null))
                .setFrequencyPenalty(params.frequencyPenalty().orElse(null))
                .setPresencePenalty(params.presencePenalty().orElse(null))
                .setSeed(params.seed().orElse(null))
                .setStopSequences(params.stopSequences())
                .setOutputType(params.outputType().orElse(null))
                .build();
    }

    private io.llmwatch.schemas.span.Attribution attribution(Attribution attribution) {
        return io.llmwatch.schemas.span.Attribution.newBuilder()
                .setTenant(attribution.tenant().orElse(null))
                .setUser(attribution.user().orElse(null))
                .setSession(attribution.session().orElse(null))
                .setFeature(attribution.feature().orElse(null))
                .setEnvironment(attribution.environment().orElse(null))
                .setRelease(attribution.release().orElse(null))
                .setService(attribution.service().orElse(serviceName))
                .setTags(attribution.tags())
                .build();
    }
}
