package io.llmwatch.agent.content;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces every match of a pattern that passes a check with {@code [redacted:label]}. The check is what
 * separates, say, a card number from a digit run of the same shape; a match that fails it is kept as is.
 */
final class RedactionRule {

    private final Pattern pattern;
    private final Predicate<String> check;
    private final String replacement;

    RedactionRule(String label, Pattern pattern, Predicate<String> check) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.check = Objects.requireNonNull(check, "check");
        this.replacement = Matcher.quoteReplacement(placeholder(label));
    }

    /** A rule that redacts every match. */
    RedactionRule(String label, Pattern pattern) {
        this(label, pattern, match -> true);
    }

    /** What a redacted match becomes, e.g. {@code [redacted:email]}: the reader still sees what was there. */
    static String placeholder(String label) {
        return "[redacted:" + label + "]";
    }

    String apply(String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            // Most text has nothing to redact: return it without building a copy.
            return text;
        }
        matcher.reset();
        return matcher.replaceAll(match -> check.test(match.group()) ? replacement : Matcher.quoteReplacement(match.group()));
    }
}
