package io.llmwatch.agent.content;

import java.util.regex.Pattern;

/**
 * The kinds of secrets and personal data {@link Redactor} removes from captured content, in the order it
 * applies them: credentials first, so that a token containing an {@code @} or a digit run is redacted
 * whole rather than in pieces.
 */
public enum SensitiveData {

    /** JSON Web Tokens: three base64url parts, the first two JSON objects ({@code eyJ...}). */
    JWT("jwt", "\\beyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"),

    /**
     * The credential after {@code Bearer}, as in an {@code Authorization} header. It must contain a digit
     * or be at least {@value #MIN_LETTERS_ONLY_TOKEN} characters long, so "bearer instruments" stays.
     */
    BEARER_TOKEN("bearer_token", "(?i)(?<=\\bbearer\\s{1,8})[A-Za-z0-9._~+/-]{8,}=*") {
        @Override
        boolean isConfirmed(String match) {
            return match.length() >= MIN_LETTERS_ONLY_TOKEN || match.chars().anyMatch(Character::isDigit);
        }
    },

    /**
     * Well-known API key formats: OpenAI and Anthropic ({@code sk-...}, {@code sk-ant-...}), AWS access key
     * ids ({@code AKIA...}, {@code ASIA...}), GitHub tokens ({@code ghp_...}, {@code github_pat_...}),
     * Slack tokens ({@code xoxb-...}, {@code xoxp-...}) and Google API keys ({@code AIza...}).
     */
    API_KEY("api_key", "\\b(?:sk-[A-Za-z0-9_-]{20,}"
            + "|(?:AKIA|ASIA)[0-9A-Z]{16}\\b"
            + "|gh[pousr]_[A-Za-z0-9]{36,255}\\b"
            + "|github_pat_[A-Za-z0-9_]{22,255}\\b"
            + "|xox[baprs]-[A-Za-z0-9-]{10,}"
            + "|AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-]))"),

    /** E-mail addresses with a domain and a top-level domain ({@code user@localhost} is not one). */
    EMAIL("email", "(?<![\\w.%+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\\.)+[A-Za-z]{2,}\\b"),

    /** Payment card numbers: 13 to 19 digits, optionally grouped by spaces or dashes, that pass the Luhn check. */
    CARD_NUMBER("card_number", "(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?!\\d)") {
        @Override
        boolean isConfirmed(String match) {
            return Luhn.isValid(match);
        }
    },

    /**
     * Phone numbers written as numbers are written for people: international ({@code +44 20 7946 0958}),
     * North American ({@code (415) 555-2671}, {@code 415-555-2671}) or with a national trunk prefix
     * ({@code 020 7946 0958}), with {@value #MIN_PHONE_DIGITS} to {@value #MAX_PHONE_DIGITS} digits in all.
     * Dates, versions and bare digit runs do not match.
     */
    PHONE_NUMBER("phone_number", "(?<![\\w+])(?:\\+\\d[\\d ().-]{6,22}\\d"
            + "|(?:\\(\\d{3}\\)\\s?|\\d{3}[-.\\s])\\d{3}[-.\\s]\\d{4}"
            + "|0\\d{1,4}(?:[ -]\\d{2,4}){2,4})(?![\\w-])") {
        @Override
        boolean isConfirmed(String match) {
            long digits = match.chars().filter(Character::isDigit).count();
            return digits >= MIN_PHONE_DIGITS && digits <= MAX_PHONE_DIGITS;
        }
    };

    /** A bearer token of letters only is taken for a credential from this length on. */
    static final int MIN_LETTERS_ONLY_TOKEN = 32;

    /** The shortest phone number redacted: a national number with its area code. */
    static final int MIN_PHONE_DIGITS = 9;

    /** The longest phone number E.164 allows. */
    static final int MAX_PHONE_DIGITS = 15;

    private final String label;
    private final Pattern pattern;

    SensitiveData(String label, String regex) {
        this.label = label;
        this.pattern = Pattern.compile(regex);
    }

    /** What replaces it in captured text: {@code [redacted:label]}. */
    public String label() {
        return label;
    }

    /** Whether a match of the pattern really is this kind of data; most kinds need no second look. */
    boolean isConfirmed(String match) {
        return true;
    }

    RedactionRule rule() {
        return new RedactionRule(label, pattern, this::isConfirmed);
    }
}
