package io.llmwatch.agent.content;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Removes secrets and personal data from text before it leaves the process: every {@link SensitiveData}
 * kind, plus the application's own patterns. Each match becomes {@code [redacted:label]}. Immutable and
 * thread-safe; the agent runs it on its export worker, never on the thread that recorded the call.
 */
public final class Redactor {

    /** The built-in kinds only. */
    public static final Redactor BUILT_IN = new Redactor(List.of());

    private final List<RedactionRule> rules;

    private Redactor(List<RedactionRule> customRules) {
        List<RedactionRule> all = new ArrayList<>(customRules);
        Arrays.stream(SensitiveData.values()).map(SensitiveData::rule).forEach(all::add);
        this.rules = List.copyOf(all);
    }

    /**
     * The built-in kinds plus {@code patternsByLabel}, e.g. {@code "order_id" -> ORD-\d{8}}. Custom
     * patterns run first, in the map's iteration order: the application knows its own formats best, and a
     * built-in rule must not redact half of one of them first.
     */
    public static Redactor withCustomPatterns(Map<String, Pattern> patternsByLabel) {
        List<RedactionRule> custom = new ArrayList<>();
        patternsByLabel.forEach((label, pattern) -> custom.add(new RedactionRule(
                Objects.requireNonNull(label, "label"), Objects.requireNonNull(pattern, "pattern"))));
        return new Redactor(custom);
    }

    /** {@code text} with every secret and piece of personal data replaced; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (RedactionRule rule : rules) {
            redacted = rule.apply(redacted);
        }
        return redacted;
    }
}
