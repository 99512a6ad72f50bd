package io.llmwatch.schemas.limits;

import io.llmwatch.schemas.span.Attribution;
import io.llmwatch.schemas.span.Content;
import io.llmwatch.schemas.span.PromptRef;
import io.llmwatch.schemas.span.RequestParameters;
import io.llmwatch.schemas.span.Score;
import io.llmwatch.schemas.span.SpanError;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.span.Usage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a decoded span against {@link SpanLimits} and names the first thing wrong with it, so the span
 * can be dead-lettered with that reason while the spans around it carry on.
 */
public final class SpanCheck {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final SpanLimits limits;
    private final Clock clock;

    public SpanCheck(SpanLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Empty for an acceptable span, else why it is refused. */
    public Optional<String> violation(SpanEvent span) {
        List<String> problems = new ArrayList<>(1);
        field(problems, "traceId", span.getTraceId());
        field(problems, "spanId", span.getSpanId());
        field(problems, "parentSpanId", span.getParentSpanId());
        field(problems, "name", span.getName());
        field(problems, "operation", span.getOperation());
        field(problems, "provider", span.getProvider());
        field(problems, "requestModel", span.getRequestModel());
        field(problems, "responseModel", span.getResponseModel());
        field(problems, "responseId", span.getResponseId());
        field(problems, "agentName", span.getAgentName());
        field(problems, "toolName", span.getToolName());
        field(problems, "source", span.getSource());
        field(problems, "clientCostUsd", span.getClientCostUsd());
        times(problems, span);
        usage(problems, span.getUsage());
        request(problems, span.getRequest());
        list(problems, "finishReasons", span.getFinishReasons());
        span.getFinishReasons().forEach(reason -> field(problems, "finishReasons[]", reason));
        error(problems, span.getError());
        attribution(problems, span.getAttribution());
        prompt(problems, span.getPrompt());
        content(problems, span.getContent());
        scores(problems, span.getScores());
        return problems.stream().findFirst();
    }

    /** An end time of 0 means "not given": event time then falls back to the record's timestamp. */
    private void times(List<String> problems, SpanEvent span) {
        long earliest = limits.earliestTime().toEpochMilli() * NANOS_PER_MILLI;
        long latest = Math.multiplyExact(clock.millis() + limits.maxFutureSkew().toMillis(), NANOS_PER_MILLI);
        long end = span.getEndTimeUnixNano();
        long start = span.getStartTimeUnixNano();
        if (end != 0 && end < earliest) {
            problems.add("endTimeUnixNano " + end + " is before " + limits.earliestTime());
        } else if (end > latest) {
            problems.add("endTimeUnixNano " + end + " is more than " + limits.maxFutureSkew() + " after this processor's clock");
        } else if (end != 0 && start != 0 && (start > end || start < earliest)) {
            problems.add("startTimeUnixNano " + start + " is not between " + limits.earliestTime() + " and the end time");
        }
        Long timeToFirstToken = span.getTimeToFirstTokenNanos();
        if (timeToFirstToken != null && timeToFirstToken < 0) {
            problems.add("timeToFirstTokenNanos is negative: " + timeToFirstToken);
        }
    }

    private void usage(List<String> problems, Usage usage) {
        for (var field : usage.getSchema().getFields()) {
            if (usage.get(field.pos()) instanceof Long count) {
                tokens(problems, "usage." + field.name(), count);
            }
        }
    }

    private void tokens(List<String> problems, String name, Long count) {
        if (count != null && (count < 0 || count > limits.maxTokens())) {
            problems.add(name + " " + count + " is outside [0, " + limits.maxTokens() + "]");
        }
    }

    private void request(List<String> problems, RequestParameters request) {
        if (request == null) {
            return;
        }
        for (var field : request.getSchema().getFields()) {
            if (request.get(field.pos()) instanceof Double value && !Double.isFinite(value)) {
                problems.add("request." + field.name() + " is not a finite number: " + value);
            }
        }
        tokens(problems, "request.maxTokens", request.getMaxTokens());
        list(problems, "request.stopSequences", request.getStopSequences());
        request.getStopSequences().forEach(stop -> text(problems, "request.stopSequences[]", stop));
        field(problems, "request.outputType", request.getOutputType());
    }

    private void error(List<String> problems, SpanError error) {
        if (error != null) {
            field(problems, "error.type", error.getType());
            text(problems, "error.message", error.getMessage());
        }
    }

    private void attribution(List<String> problems, Attribution attribution) {
        field(problems, "attribution.tenant", attribution.getTenant());
        field(problems, "attribution.user", attribution.getUser());
        field(problems, "attribution.session", attribution.getSession());
        field(problems, "attribution.feature", attribution.getFeature());
        field(problems, "attribution.environment", attribution.getEnvironment());
        field(problems, "attribution.release", attribution.getRelease());
        field(problems, "attribution.service", attribution.getService());
        Map<String, String> tags = attribution.getTags();
        if (tags.size() > limits.maxTags()) {
            problems.add("attribution.tags has " + tags.size() + " tags, at most " + limits.maxTags());
            return;
        }
        tags.forEach((key, value) -> {
            field(problems, "attribution.tags key", key);
            field(problems, "attribution.tags[" + abbreviate(key) + "]", value);
        });
    }

    private void prompt(List<String> problems, PromptRef prompt) {
        if (prompt == null) {
            return;
        }
        field(problems, "prompt.name", prompt.getName());
        field(problems, "prompt.templateSha256", prompt.getTemplateSha256());
        if (prompt.getVersion() != null && prompt.getVersion() < 0) {
            problems.add("prompt.version is negative: " + prompt.getVersion());
        }
    }

    private void content(List<String> problems, Content content) {
        field(problems, "content.promptSha256", content.getPromptSha256());
        field(problems, "content.responseSha256", content.getResponseSha256());
        text(problems, "content.promptText", content.getPromptText());
        text(problems, "content.responseText", content.getResponseText());
        if (content.getPromptLength() != null && content.getPromptLength() < 0
                || content.getResponseLength() != null && content.getResponseLength() < 0) {
            problems.add("content lengths must not be negative");
        }
    }

    private void scores(List<String> problems, List<Score> scores) {
        list(problems, "scores", scores);
        for (Score score : scores) {
            field(problems, "scores[].name", score.getName());
            text(problems, "scores[].comment", score.getComment());
            if (!Double.isFinite(score.getValue())) {
                problems.add("score " + abbreviate(score.getName()) + " is not a finite number: " + score.getValue());
            }
        }
    }

    private void list(List<String> problems, String name, List<?> items) {
        if (items.size() > limits.maxListItems()) {
            problems.add(name + " has " + items.size() + " items, at most " + limits.maxListItems());
        }
    }

    private void field(List<String> problems, String name, CharSequence value) {
        length(problems, name, value, limits.maxFieldChars());
    }

    private void text(List<String> problems, String name, CharSequence value) {
        length(problems, name, value, limits.maxTextChars());
    }

    private static void length(List<String> problems, String name, CharSequence value, int max) {
        if (value != null && value.length() > max) {
            problems.add(name + " has " + value.length() + " characters, at most " + max);
        }
    }

    /** A refused value is quoted only in part: the reason lands in a DLQ header and in logs. */
    private static String abbreviate(CharSequence value) {
        String text = String.valueOf(value);
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
