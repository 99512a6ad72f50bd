package io.llmwatch.sink.routing;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Alertmanager matcher on a label: {@code name=value}, {@code name!=value}, {@code name=~regex} or
 * {@code name!~regex}. Regexes are anchored (they must match the whole value); a missing label is the
 * empty string, so {@code tenant=""} matches alerts without a tenant.
 */
public record Matcher(String name, Operator operator, String value) {

    public enum Operator {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public Matcher {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            throw new IllegalArgumentException("Invalid label name in matcher: " + name);
        }
        if (operator == Operator.REGEX || operator == Operator.NOT_REGEX) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("Invalid regex in matcher " + name + operator.symbol + value + ": " + e.getDescription());
            }
        }
    }

    /** Reads {@code name=value}, {@code name!=value}, {@code name=~regex} or {@code name!~regex}; quotes around the value are dropped. */
    public static Matcher parse(String text) {
        Objects.requireNonNull(text, "matcher");
        int at = indexOfOperator(text);
        if (at < 1) {
            throw new IllegalArgumentException("A matcher looks like name=value, name!=value, name=~regex or name!~regex: " + text);
        }
        String name = text.substring(0, at).strip();
        Operator operator = text.startsWith("!=", at) ? Operator.NOT_EQUAL
                : text.startsWith("=~", at) ? Operator.REGEX
                : text.startsWith("!~", at) ? Operator.NOT_REGEX
                : Operator.EQUAL;
        String value = text.substring(at + operator.symbol().length()).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return new Matcher(name, operator, value);
    }

    private static int indexOfOperator(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=' || (c == '!' && i + 1 < text.length() && (text.charAt(i + 1) == '=' || text.charAt(i + 1) == '~'))) {
                return i;
            }
        }
        return -1;
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (operator) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> actual.matches(value);
            case NOT_REGEX -> !actual.matches(value);
        };
    }

    @Override
    public String toString() {
        return name + operator.symbol + value;
    }
}
