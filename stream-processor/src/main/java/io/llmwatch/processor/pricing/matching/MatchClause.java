package io.llmwatch.processor.pricing.matching;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * A genai-prices match clause: the boolean logic that recognises a model or provider from the identifier a request
 * used. Text clauses ignore case; {@link Regex} is applied as written (genai-prices lower-cases model references
 * before matching, so patterns are written in lower case).
 */
public sealed interface MatchClause {

    boolean matches(String text);

    /**
     * Reads a clause such as {@code {"starts_with": "gpt-"}} or {@code {"or": [...]}}.
     *
     * @throws IllegalArgumentException if the JSON is not exactly one known clause
     */
    static MatchClause fromJson(JsonNode clause) {
        if (clause == null || !clause.isObject() || clause.size() != 1) {
            throw new IllegalArgumentException("a match clause is an object with exactly one key, got " + clause);
        }
        Map.Entry<String, JsonNode> only = clause.properties().iterator().next();
        JsonNode operand = only.getValue();
        return switch (only.getKey()) {
            case "starts_with" -> new StartsWith(text(operand));
            case "ends_with" -> new EndsWith(text(operand));
            case "contains" -> new Contains(text(operand));
            case "equals" -> new Equals(text(operand));
            case "regex" -> new Regex(Pattern.compile(text(operand)));
            case "or" -> new AnyOf(clauses(operand));
            case "and" -> new AllOf(clauses(operand));
            default -> throw new IllegalArgumentException("unknown match clause '" + only.getKey() + "'");
        };
    }

    private static String text(JsonNode operand) {
        if (!operand.isTextual()) {
            throw new IllegalArgumentException("match clause operand must be a string, got " + operand);
        }
        return operand.textValue();
    }

    private static List<MatchClause> clauses(JsonNode operands) {
        if (!operands.isArray()) {
            throw new IllegalArgumentException("'or' and 'and' take an array of clauses, got " + operands);
        }
        return StreamSupport.stream(operands.spliterator(), false).map(MatchClause::fromJson).toList();
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    record StartsWith(String prefix) implements MatchClause {
        @Override
        public boolean matches(String text) {
            return lower(text).startsWith(lower(prefix));
        }
    }

    record EndsWith(String suffix) implements MatchClause {
        @Override
        public boolean matches(String text) {
            return lower(text).endsWith(lower(suffix));
        }
    }

    record Contains(String part) implements MatchClause {
        @Override
        public boolean matches(String text) {
            return lower(text).contains(lower(part));
        }
    }

    record Equals(String value) implements MatchClause {
        @Override
        public boolean matches(String text) {
            return lower(text).equals(lower(value));
        }
    }

    /** Matches when the pattern is found anywhere in the text, like Python's {@code re.search}. */
    record Regex(Pattern pattern) implements MatchClause {
        public Regex {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public boolean matches(String text) {
            return pattern.matcher(text).find();
        }
    }

    record AnyOf(List<MatchClause> clauses) implements MatchClause {
        public AnyOf {
            clauses = List.copyOf(clauses);
        }

        @Override
        public boolean matches(String text) {
            return clauses.stream().anyMatch(clause -> clause.matches(text));
        }
    }

    record AllOf(List<MatchClause> clauses) implements MatchClause {
        public AllOf {
            clauses = List.copyOf(clauses);
        }

        @Override
        public boolean matches(String text) {
            return clauses.stream().allMatch(clause -> clause.matches(text));
        }
    }
}
