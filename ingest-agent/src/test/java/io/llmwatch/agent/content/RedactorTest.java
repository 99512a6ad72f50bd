package io.llmwatch.agent.content;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    private static String redact(String text) {
        return Redactor.BUILT_IN.redact(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane.doe@example.com", "j+tag@mail.example.co.uk", "FIRST_LAST@Example.ORG"})
    void emailAddressesAreRedacted(String email) {
        assertThat(redact("write to " + email + ", thanks")).isEqualTo("write to [redacted:email], thanks");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@localhost", "@mention in a chat", "price: 5 @ 3 each", "git@ is a prefix"})
    void textThatOnlyLooksLikeEmailIsKept(String text) {
        assertThat(redact(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 415 555 2671", "+44 20 7946 0958", "+33 1 23 45 67 89", "(415) 555-2671", "415-555-2671",
            "415.555.2671", "020 7946 0958", "+4915123456789"})
    void phoneNumbersAreRedacted(String phone) {
        assertThat(redact("call " + phone + " today")).isEqualTo("call [redacted:phone_number] today");
    }

    @ParameterizedTest
    @ValueSource(strings = {"released 2024-01-15", "version 1.2.3", "order 12345678", "555-1234", "room 404",
            "+1 555", "192.168.1.1", "pi is 3.14159265"})
    void numbersThatAreNotPhoneNumbersAreKept(String text) {
        assertThat(redact(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "378282246310005",
            "5555 5555 5555 4444", "6011111111111117"})
    void cardNumbersPassingTheLuhnCheckAreRedacted(String card) {
        assertThat(redact("card: " + card + ".")).isEqualTo("card: [redacted:card_number].");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "1234 5678 9012 3456", "trace 12345678901234567", "1700000000000"})
    void digitRunsFailingTheLuhnCheckAreKept(String text) {
        assertThat(redact(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789",
            "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx-0123456789",
            "AKIAIOSFODNN7EXAMPLE",
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "github_pat_11ABCDEFG0123456789_abcdefghijklmnop",
            "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
            "xoxp-123456789012-abcdefghij",
            "AIzaSyA-1234567890abcdefghijklmnopqrstu"})
    void apiKeysAreRedacted(String key) {
        assertThat(redact("key=" + key + " end")).isEqualTo("key=[redacted:api_key] end");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sk-short", "a task-based approach", "risk-free investing", "AKIA is a prefix",
            "ghp_tooShort", "xoxb-", "AIza alone"})
    void textThatOnlyLooksLikeAnApiKeyIsKept(String text) {
        assertThat(redact(text)).isEqualTo(text);
    }

    @Test
    void bearerTokensAreRedactedButTheSchemeIsKept() {
        assertThat(redact("Authorization: Bearer abc123.def456-ghi789_jkl"))
                .isEqualTo("Authorization: Bearer [redacted:bearer_token]");
        assertThat(redact("authorization: bearer  QWxhZGRpbjpPcGVuU2VzYW1lQWxhZGRpbjpPcGVu=="))
                .isEqualTo("authorization: bearer  [redacted:bearer_token]");
    }

    @Test
    void bearerInOrdinaryProseIsKept() {
        assertThat(redact("The bearer of bad news")).isEqualTo("The bearer of bad news");
        assertThat(redact("bearer instruments are risky")).isEqualTo("bearer instruments are risky");
    }

    @Test
    void jwtsAreRedactedWhole() {
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

        assertThat(redact("token " + jwt)).isEqualTo("token [redacted:jwt]");
        assertThat(redact("Authorization: Bearer " + jwt)).isEqualTo("Authorization: Bearer [redacted:jwt]");
    }

    @Test
    void aBase64FragmentIsNotAJwt() {
        assertThat(redact("header eyJhbGciOiJIUzI1NiJ9 only")).isEqualTo("header eyJhbGciOiJIUzI1NiJ9 only");
    }

    @Test
    void customPatternsAreRedactedBeforeTheBuiltInOnes() {
        Map<String, Pattern> custom = new LinkedHashMap<>();
        custom.put("order_id", Pattern.compile("ORD-\\d{8}"));
        custom.put("internal_key", Pattern.compile("acme_sk-[a-z0-9]{24}"));

        Redactor redactor = Redactor.withCustomPatterns(custom);

        assertThat(redactor.redact("ORD-20251106 via acme_sk-abcdefghijklmnopqrstuvwx from jane@example.com"))
                .isEqualTo("[redacted:order_id] via [redacted:internal_key] from [redacted:email]");
        assertThat(redactor.redact("ORD-123 is too short")).isEqualTo("ORD-123 is too short");
    }

    @Test
    void textWithNothingToRedactIsReturnedAsItIs() {
        String text = "What is the capital of France?";

        assertThat(Redactor.BUILT_IN.redact(text)).isSameAs(text);
        assertThat(Redactor.BUILT_IN.redact(null)).isNull();
    }

    @Test
    void dollarSignsAndBackslashesInTextSurviveRedaction() {
        assertThat(redact("costs $5 \\ mail a@example.com")).isEqualTo("costs $5 \\ mail [redacted:email]");
    }
}
