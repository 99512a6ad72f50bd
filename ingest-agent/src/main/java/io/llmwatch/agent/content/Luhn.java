package io.llmwatch.agent.content;

/**
 * The Luhn checksum every payment card number carries. Checking it is what tells a card number from any
 * other run of 13 to 19 digits (an order id, a timestamp), which then stays readable.
 */
final class Luhn {

    private Luhn() {
    }

    /** Whether the digits of {@code text} (other characters are skipped) pass the Luhn check. */
    static boolean isValid(CharSequence text) {
        int sum = 0;
        boolean doubled = false;
        for (int i = text.length() - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int digit = c - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
