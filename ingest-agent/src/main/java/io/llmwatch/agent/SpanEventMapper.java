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
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Fills the generated record through its plain setters: the builders validate and deep-copy every
     * field, which costs more than encoding the event, and the export worker does this once per span.
     */
    SpanEvent toSpanEvent(LlmCall call) {
        SpanEvent event = new SpanEvent();
        event.setTraceId(call.traceId());
        event.setSpanId(call.spanId());
        event.setParentSpanId(call.parentSpanId().orElse(null));
        event.setName(call.name());
        event.setOperation(call.operation().operationName());
        event.setProvider(call.provider().orElse(null));
        event.setRequestModel(call.requestModel().orElse(null));
        event.setResponseModel(call.responseModel().orElse(null));
        event.setResponseId(call.responseId().orElse(null));
        event.setAgentName(call.agentName().orElse(null));
        event.setToolName(call.toolName().orElse(null));
        event.setStartTimeUnixNano(unixNanos(call.startTime()));
        event.setEndTimeUnixNano(unixNanos(call.endTime()));
        event.setTimeToFirstTokenNanos(call.timeToFirstToken().map(Duration::toNanos).orElse(null));
        event.setUsage(usage(call.usage()));
        event.setRequest(call.requestParams().map(SpanEventMapper::request).orElse(null));
        event.setFinishReasons(call.finishReasons());
        event.setError(call.error().map(error -> new SpanError(error.type(), error.message(), error.retryable())).orElse(null));
        event.setAttribution(attribution(call.attribution().withFallback(defaults)));
        event.setPrompt(call.prompt().map(prompt -> new PromptRef(prompt.name(), prompt.version(), prompt.templateSha256())).orElse(null));
        event.setContent(contentCapture.capture(call.promptText().orElse(null), call.responseText().orElse(null)));
        event.setScores(scores(call.scores()));
        event.setClientCostUsd(call.clientCostUsd().map(BigDecimal::toPlainString).orElse(null));
        event.setSource(source);
        return event;
    }

    /** A plain loop: most calls carry no score, and a stream pipeline per event shows up in the worker's profile. */
    private static List<io.llmwatch.schemas.span.Score> scores(List<Score> scores) {
        if (scores.isEmpty()) {
            return List.of();
        }
        List<io.llmwatch.schemas.span.Score> mapped = new ArrayList<>(scores.size());
        for (Score score : scores) {
            mapped.add(new io.llmwatch.schemas.span.Score(score.name(), score.value(), score.comment()));
        }
        return mapped;
    }

    private static long unixNanos(Instant instant) {
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }

    private static Usage usage(TokenUsage usage) {
        return new Usage(usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(), usage.cacheWriteTokens(),
                usage.reasoningTokens(), usage.inputAudioTokens(), usage.cacheAudioReadTokens(), usage.outputAudioTokens(),
                usage.inputImageTokens(), usage.outputImageTokens());
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
        return new io.llmwatch.schemas.span.Attribution(attribution.tenant().orElse(null), attribution.user().orElse(null),
                attribution.session().orElse(null), attribution.feature().orElse(null), attribution.environment().orElse(null),
                attribution.release().orElse(null), attribution.service().orElse(serviceName), attribution.tags());
    }
}
