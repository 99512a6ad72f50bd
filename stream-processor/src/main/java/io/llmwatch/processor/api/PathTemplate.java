package io.llmwatch.processor.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A route's path, with {@code {name}} segments that match any one non-empty segment, e.g.
 * {@code /api/traces/{traceId}}. The template is written exactly as in the OpenAPI document.
 */
public record PathTemplate(String template) {

    public PathTemplate {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with '/': " + template);
        }
    }

    /**
     * The decoded values of the template's variables if {@code rawPath} (still percent-encoded, so an
     * encoded '/' stays inside its segment) matches.
     */
    public Optional<Map<String, String>> match(String rawPath) {
        String[] expected = template.split("/", -1);
        String[] actual = rawPath.split("/", -1);
        if (expected.length != actual.length) {
            return Optional.empty();
        }
        Map<String, String> variables = new HashMap<>();
        for (int i = 0; i < expected.length; i++) {
            if (isVariable(expected[i]) && !actual[i].isEmpty()) {
                variables.put(expected[i].substring(1, expected[i].length() - 1), decode(actual[i]));
            } else if (!expected[i].equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(variables);
    }

    private static boolean isVariable(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    /** In a path '+' is a plus sign, not the space it means in a query string. */
    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
