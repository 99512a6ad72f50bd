package io.llmwatch.sink.http;

import io.llmwatch.sink.delivery.DeliveryResult;
import io.llmwatch.sink.delivery.DeliveryResult.Delivered;
import io.llmwatch.sink.delivery.DeliveryResult.PermanentFailure;
import io.llmwatch.sink.delivery.DeliveryResult.RetryableFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HttpResponsesTest {

    private static final Instant NOW = Instant.parse("2025-11-06T12:00:00Z");

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204})
    void successIsDelivered(int status) {
        assertThat(classify(status, "")).isInstanceOf(Delivered.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 500, 502, 503, 504})
    void timeoutsAndServerErrorsAreRetryable(int status) {
        assertThat(classify(status, "")).isEqualTo(new RetryableFailure("HTTP " + status));
    }

    @Test
    void throttlingIsRetryableAndHoldsBackTheWholeDestination() {
        assertThat(classify(429, "")).isEqualTo(new RetryableFailure("HTTP 429", Duration.ZERO, true));
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 400, 401, 403, 404, 410, 422})
    void otherAnswersArePermanent(int status) {
        assertThat(classify(status, "")).isEqualTo(new PermanentFailure("HTTP " + status));
    }

    @Test
    void reasonQuotesTheResponseBody() {
        assertThat(classify(400, " unknown routing key\n")).isEqualTo(new PermanentFailure("HTTP 400: unknown routing key"));
    }

    @Test
    void reasonQuotesOnlyTheStartOfALongBody() {
        PermanentFailure failure = (PermanentFailure) classify(400, "x".repeat(10_000));

        assertThat(failure.reason()).isEqualTo("HTTP 400: " + "x".repeat(HttpResponses.MAX_BODY_CHARS_IN_REASON) + "...");
    }

    @Test
    void retryAfterInSecondsIsHonoured() {
        DeliveryResult result = HttpResponses.classify(429, "", Optional.of("7"), NOW);

        assertThat(result).isEqualTo(new RetryableFailure("HTTP 429", Duration.ofSeconds(7), true));
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String inThirtySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(30).atZone(ZoneOffset.UTC));

        assertThat(HttpResponses.retryAfter(Optional.of(inThirtySeconds), NOW)).isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @ValueSource(strings = {"86400", "9223372036854775807", "Fri, 01 Jan 2100 00:00:00 GMT"})
    void retryAfterIsCappedAtAnHour(String header) {
        assertThat(HttpResponses.retryAfter(Optional.of(header), NOW)).isEqualTo(HttpResponses.MAX_RETRY_AFTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "-5", "1.5", "Thu, 06 Nov 2025 11:59:00 GMT", "99999999999999999999"})
    void unreadableOrPastRetryAfterIsNoHint(String header) {
        assertThat(HttpResponses.retryAfter(Optional.of(header), NOW)).isZero();
    }

    @Test
    void missingRetryAfterIsNoHint() {
        assertThat(HttpResponses.retryAfter(Optional.empty(), NOW)).isZero();
    }

    private static DeliveryResult classify(int status, String body) {
        return HttpResponses.classify(status, body, Optional.empty(), NOW);
    }
}
