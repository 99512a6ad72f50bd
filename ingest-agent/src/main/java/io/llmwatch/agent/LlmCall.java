package io.llmwatch.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.agent.prompt.PromptVersion;
import io.llmwatch.agent.usage.ExtractedUsage;
import io.llmwatch.agent.usage.UsageExtractors;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One finished unit of LLM work, immutable: usually a model call, and also the agent, tool and retrieval
 * steps a {@link TraceSpan} records, since all of them are spans of one shape.
 *
 * <p>The builder never throws: whatever it is given, {@link Builder#build()} returns a call, and a call
 * that breaks the contract (a malformed id, negative tokens, an end before its start) is counted as
 * dropped {@code invalid} when recorded. Telemetry must not be able to fail the request it describes.
 *
 * <p>Ids follow W3C Trace Context: a trace id is 32 lowercase hex digits, a span id 16. Ids not given are
 * generated at {@code build()}, so {@link #traceId()} is known before the call is recorded and can be
 * used later to send feedback.
 */
public final class LlmCall {

    private final Operation operation;
    /** As given; null means the default name, derived when asked so it follows the fields. */
    private final String name;
    private final String traceId;
    private final String spanId;
    /** Whether the application gave the ids: generated ones are valid by construction and need no check. */
    private final boolean traceIdGiven;
    private final boolean spanIdGiven;
    private final String parentSpanId;
    private final String provider;
    private final String requestModel;
    private final String responseModel;
    private final String responseId;
    private final String agentName;
    private final String toolName;
    private final Instant startTime;
    private final Instant endTime;
    private final Duration timeToFirstToken;
    private final TokenUsage usage;
    private final RequestParams requestParams;
    private final List<String> finishReasons;
    private final CallError error;
    private final Attribution attribution;
    private final PromptVersion prompt;
    private final String promptText;
    private final String responseText;
    private final List<Score> scores;
    private final BigDecimal clientCostUsd;

    private LlmCall(Builder builder) {
        this.operation = builder.operation;
        this.traceIdGiven = builder.traceId != null;
        this.spanIdGiven = builder.spanId != null;
        this.traceId = traceIdGiven ? builder.traceId : TraceIds.newTraceId();
        this.spanId = spanIdGiven ? builder.spanId : TraceIds.newSpanId();
        this.parentSpanId = builder.parentSpanId;
        this.provider = builder.provider;
        this.requestModel = builder.requestModel;
        this.responseModel = builder.responseModel;
        this.responseId = builder.responseId;
        this.agentName = builder.agentName;
        this.toolName = builder.toolName;
        this.endTime = resolveEnd(builder);
        this.startTime = resolveStart(builder, endTime);
        this.timeToFirstToken = builder.timeToFirstToken;
        this.usage = builder.usage;
        this.requestParams = builder.requestParams;
        this.finishReasons = List.copyOf(builder.finishReasons);
        this.error = builder.error;
        this.attribution = builder.attribution;
        this.prompt = builder.prompt;
        this.promptText = builder.promptText;
        this.responseText = builder.responseText;
        this.scores = List.copyOf(builder.scores);
        this.clientCostUsd = builder.clientCostUsd;
        this.name = builder.name;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Never null for a call that passes validation; defaults to {@link Operation#CHAT}. */
    public Operation operation() {
        return operation;
    }

    /** The span name; by default the OpenTelemetry form {@code "{operation} {model, tool or agent}"}. */
    public String name() {
        return name != null ? name : defaultName();
    }

    /**
     * Whether the name given is blank. The default name never is (it starts with the operation's name), and
     * {@code record()} asks on the application's thread, where building the default just to look at it cost
     * a fifth of the call.
     */
    boolean hasBlankName() {
        return name != null && name.isBlank();
    }

    public String traceId() {
        return traceId;
    }

    public String spanId() {
        return spanId;
    }

    boolean traceIdGiven() {
        return traceIdGiven;
    }

    boolean spanIdGiven() {
        return spanIdGiven;
    }

    /** The enclosing span of the same trace; empty for a root. */
    public Optional<String> parentSpanId() {
        return Optional.ofNullable(parentSpanId);
    }

    /** {@code gen_ai.provider.name}, e.g. {@code openai}, {@code anthropic}, {@code aws.bedrock}. */
    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    /** The model the application asked for. */
    public Optional<String> requestModel() {
        return Optional.ofNullable(requestModel);
    }

    /** The model that actually answered, often a dated snapshot of the requested one. */
    public Optional<String> responseModel() {
        return Optional.ofNullable(responseModel);
    }

    public Optional<String> responseId() {
        return Optional.ofNullable(responseId);
    }

    public Optional<String> agentName() {
        return Optional.ofNullable(agentName);
    }

    public Optional<String> toolName() {
        return Optional.ofNullable(toolName);
    }

    public Instant startTime() {
        return startTime;
    }

    /** When the call finished: the event's time. */
    public Instant endTime() {
        return endTime;
    }

    public Duration duration() {
        return Duration.between(startTime, endTime);
    }

    public Optional<Duration> timeToFirstToken() {
        return Optional.ofNullable(timeToFirstToken);
    }

    /** Never null; {@link TokenUsage#NONE} unless set. */
    public TokenUsage usage() {
        return usage;
    }

    public Optional<RequestParams> requestParams() {
        return Optional.ofNullable(requestParams);
    }

    /** {@code gen_ai.response.finish_reasons}, e.g. {@code stop}, {@code length}, {@code tool_calls}. */
    public List<String> finishReasons() {
        return finishReasons;
    }

    public Optional<CallError> error() {
        return Optional.ofNullable(error);
    }

    /** Never null; {@link Attribution#EMPTY} unless set. The client's defaults fill the gaps when recorded. */
    public Attribution attribution() {
        return attribution;
    }

    public Optional<PromptVersion> prompt() {
        return Optional.ofNullable(prompt);
    }

    /** The prompt as sent; only hashed, unless the client captures content. */
    public Optional<String> promptText() {
        return Optional.ofNullable(promptText);
    }

    /** The response as received; only hashed, unless the client captures content. */
    public Optional<String> responseText() {
        return Optional.ofNullable(responseText);
    }

    public List<Score> scores() {
        return scores;
    }

    /** The cost the application computed itself, in USD. Kept beside the pipeline's own computation, never instead of it. */
    public Optional<BigDecimal> clientCostUsd() {
        return Optional.ofNullable(clientCostUsd);
    }

    /** A builder holding this call's values, ids and resolved times included. */
    public Builder toBuilder() {
        Builder builder = builder()
                .operation(operation).name(name).traceId(traceId).spanId(spanId).parentSpanId(parentSpanId)
                .provider(provider).requestModel(requestModel).responseModel(responseModel).responseId(responseId)
                .agentName(agentName).toolName(toolName).startTime(startTime).endTime(endTime)
                .timeToFirstToken(timeToFirstToken).usage(usage).requestParams(requestParams).error(error)
                .attribution(attribution).prompt(prompt).promptText(promptText).responseText(responseText)
                .clientCostUsd(clientCostUsd);
        builder.finishReasons.addAll(finishReasons);
        builder.scores.addAll(scores);
        return builder;
    }

    @Override
    public String toString() {
        return "LlmCall{" + name() + ", trace=" + traceId + ", span=" + spanId + ", " + usage + '}';
    }

    private String defaultName() {
        String operationName = operation == null ? "unknown" : operation.operationName();
        String subject = toolName != null ? toolName : agentName != null ? agentName : requestModel;
        return subject == null ? operationName : operationName + " " + subject;
    }

    /** The end as given, else start + duration, else now. */
    private static Instant resolveEnd(Builder builder) {
        if (builder.endTime != null) {
            return builder.endTime;
        }
        if (builder.startTime != null && builder.duration != null) {
            return builder.startTime.plus(builder.duration);
        }
        return Instant.now();
    }

    /** The start as given, else end - duration, else the end (a duration of zero). */
    private static Instant resolveStart(Builder builder, Instant end) {
        if (builder.startTime != null) {
            return builder.startTime;
        }
        return builder.duration != null ? end.minus(builder.duration) : end;
    }

    /**
     * Setters accept anything and never throw; null means "not set". For timing give any two of start,
     * end and duration; a missing end is the moment of {@code build()}.
     */
    public static final class Builder {
        private Operation operation = Operation.CHAT;
        private String name;
        private String traceId;
        private String spanId;
        private String parentSpanId;
        private String provider;
        private String requestModel;
        private String responseModel;
        private String responseId;
        private String agentName;
        private String toolName;
        private Instant startTime;
        private Instant endTime;
        private Duration duration;
        private Duration timeToFirstToken;
        private TokenUsage usage = TokenUsage.NONE;
        private RequestParams requestParams;
        private final List<String> finishReasons = new ArrayList<>();
        private CallError error;
        private Attribution attribution = Attribution.EMPTY;
        private PromptVersion prompt;
        private String promptText;
        private String responseText;
        private final List<Score> scores = new ArrayList<>();
        private BigDecimal clientCostUsd;

        private Builder() {
        }

        public Builder operation(Operation operation) {
            this.operation = operation;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** W3C trace id (32 hex digits, upper case accepted); generated when not set. */
        public Builder traceId(String traceId) {
            this.traceId = lowerCase(traceId);
            return this;
        }

        /** W3C span id (16 hex digits); generated when not set. */
        public Builder spanId(String spanId) {
            this.spanId = lowerCase(spanId);
            return this;
        }

        public Builder parentSpanId(String parentSpanId) {
            this.parentSpanId = lowerCase(parentSpanId);
            return this;
        }

        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        public Builder requestModel(String requestModel) {
            this.requestModel = requestModel;
            return this;
        }

        public Builder responseModel(String responseModel) {
            this.responseModel = responseModel;
            return this;
        }

        public Builder responseId(String responseId) {
            this.responseId = responseId;
            return this;
        }

        public Builder agentName(String agentName) {
            this.agentName = agentName;
            return this;
        }

        public Builder toolName(String toolName) {
            this.toolName = toolName;
            return this;
        }

        public Builder startTime(Instant startTime) {
            this.startTime = startTime;
            return this;
        }

        public Builder endTime(Instant endTime) {
            this.endTime = endTime;
            return this;
        }

        /** Used only where start or end is missing. */
        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        /** For streamed responses: from sending the request to the first token. */
        public Builder timeToFirstToken(Duration timeToFirstToken) {
            this.timeToFirstToken = timeToFirstToken;
            return this;
        }

        public Builder usage(TokenUsage usage) {
            this.usage = usage == null ? TokenUsage.NONE : usage;
            return this;
        }

        /**
         * Sets the provider and reads the usage and the response model from the provider's response body,
         * for the APIs {@link UsageExtractors} supports (e.g. {@code "openai", "chat"} or
         * {@code "anthropic", "default"}). A body it cannot read leaves usage and model as they were.
         */
        public Builder fromResponse(String provider, String apiFlavor, JsonNode body) {
            return provider(provider).applyExtracted(UsageExtractors.extract(provider, apiFlavor, body));
        }

        /**
         * As {@link #fromResponse(String, String, JsonNode)} from the body's JSON text, which is parsed here,
         * on the calling thread. Use this one with the agent's shaded jar, whose Jackson is relocated.
         */
        public Builder fromResponse(String provider, String apiFlavor, String body) {
            return provider(provider).applyExtracted(UsageExtractors.extract(provider, apiFlavor, body));
        }

        private Builder applyExtracted(Optional<ExtractedUsage> extracted) {
            extracted.ifPresent(found -> {
                usage(found.usage());
                found.model().ifPresent(this::responseModel);
            });
            return this;
        }

        public Builder requestParams(RequestParams requestParams) {
            this.requestParams = requestParams;
            return this;
        }

        /** Replaces the finish reasons; null entries are ignored. */
        public Builder finishReasons(String... finishReasons) {
            this.finishReasons.clear();
            if (finishReasons != null) {
                // A loop, not a stream: applications build a call per request, and a stream pipeline allocates.
                for (String reason : finishReasons) {
                    if (reason != null) {
                        this.finishReasons.add(reason);
                    }
                }
            }
            return this;
        }

        public Builder error(CallError error) {
            this.error = error;
            return this;
        }

        public Builder attribution(Attribution attribution) {
            this.attribution = attribution == null ? Attribution.EMPTY : attribution;
            return this;
        }

        /** The registered template the prompt was built from; its name, version and hash go with the span. */
        public Builder prompt(PromptVersion prompt) {
            this.prompt = prompt;
            return this;
        }

        public Builder promptText(String promptText) {
            this.promptText = promptText;
            return this;
        }

        public Builder responseText(String responseText) {
            this.responseText = responseText;
            return this;
        }

        /** Adds a score; see {@link Score}. */
        public Builder score(String name, double value) {
            return score(name, value, null);
        }

        /** Adds a score with a comment; see {@link Score}. */
        public Builder score(String name, double value, String comment) {
            scores.add(new Score(name, value, comment));
            return this;
        }

        /** Money is exact: give a {@code BigDecimal}, e.g. {@code new BigDecimal("0.00231")}. */
        public Builder clientCostUsd(BigDecimal clientCostUsd) {
            this.clientCostUsd = clientCostUsd;
            return this;
        }

        public LlmCall build() {
            return new LlmCall(this);
        }

        private static String lowerCase(String id) {
            return id == null ? null : id.toLowerCase(Locale.ROOT);
        }
    }
}
