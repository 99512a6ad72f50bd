package io.llmwatch.agent.otlp;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompt and response text of a span, where the instrumentation recorded it: {@code gen_ai.input.messages}
 * and {@code gen_ai.output.messages}, the deprecated {@code gen_ai.prompt} and {@code gen_ai.completion}, or
 * OpenLLMetry's numbered {@code gen_ai.prompt.<n>.content} / {@code gen_ai.completion.<n>.content}. The
 * agent's content policy then decides, as for any call, whether only their hashes leave the sidecar.
 */
final class ContentAttributes {

    private static final Pattern NUMBERED_CONTENT = Pattern.compile("(\\d{1,9})\\.content");

    private ContentAttributes() {
    }

    static Optional<String> prompt(SpanAttributes attributes) {
        return attributes.string("gen_ai.input.messages", "gen_ai.prompt")
                .or(() -> numbered(attributes, "gen_ai.prompt."));
    }

    static Optional<String> response(SpanAttributes attributes) {
        return attributes.string("gen_ai.output.messages", "gen_ai.completion")
                .or(() -> numbered(attributes, "gen_ai.completion."));
    }

    /** The numbered messages' contents in message order, one per line. */
    private static Optional<String> numbered(SpanAttributes attributes, String prefix) {
        Map<Integer, String> contentByIndex = new TreeMap<>();
        attributes.withPrefix(prefix).forEach((key, value) -> {
            Matcher matcher = NUMBERED_CONTENT.matcher(key);
            if (matcher.matches()) {
                contentByIndex.put(Integer.valueOf(matcher.group(1)), value);
            }
        });
        return contentByIndex.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", contentByIndex.values()));
    }
}
