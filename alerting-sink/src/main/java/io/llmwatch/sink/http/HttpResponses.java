package io.llmwatch.sink.http;

import io.llmwatch.sink.delivery.DeliveryResult;
import io.llmwatch.sink.delivery.DeliveryResult.Delivered;
import io.llmwatch.sink.delivery.DeliveryResult.PermanentFailure;
import io.llmwatch.sink.delivery.DeliveryResult.RetryableFailure;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What an HTTP answer means for delivery, shared by every destination that speaks HTTP: 2xx delivered;
 * 408, 429 and 5xx retryable (honouring {@code Retry-After}); everything else, notably the other 4xx, permanent.
 */
public final class HttpResponses {

    /** Enough of an error body to tell an operator why, short enough for a log line and a Kafka header. */
    static final int MAX_BODY_CHARS_IN_REASON = 200;

    /**
     * The longest {@code Retry-After} obeyed. A longer hint is capped rather than trusted: it comes from
     * outside, and an alert should not sit for a day (or overflow a clock) on one server's word.
     */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private HttpResponses() {
    }

    public static DeliveryResult classify(int status, String body, Optional<String> retryAfterHeader, Instant now) {
        if (status >= 200 && status < 300) {
            return new Delivered();
        }
        String reason = "HTTP " + status + excerpt(body);
        if (status == 408 || status == 429 || status >= 500) {
            return new RetryableFailure(reason, retryAfter(retryAfterHeader, now), status == 429);
        }
        return new PermanentFailure(reason);
    }

    /**
     * Reads {@code Retry-After}, which is either a number of seconds or an HTTP date (RFC 9110, section 10.2.3).
     * A missing, unreadable or past value is no hint at all: the backoff alone decides.
     */
    static Duration retryAfter(Optional<String> header, Instant now) {
        Duration hint = header.map(String::trim).map(value -> parseRetryAfter(value, now)).orElse(Duration.ZERO);
        return hint.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : hint;
    }

    private static Duration parseRetryAfter(String value, Instant now) {
        try {
            if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.parseLong(value));
            }
            Duration untilDate = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
            return untilDate.isNegative() ? Duration.ZERO : untilDate;
        } catch (NumberFormatException | DateTimeParseException e) {
            return Duration.ZERO;
        }
    }

    private static String excerpt(String body) {
        String trimmed = body == null ? "" : body.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        return ": " + (trimmed.length() <= MAX_BODY_CHARS_IN_REASON ? trimmed : trimmed.substring(0, MAX_BODY_CHARS_IN_REASON) + "...");
    }
}
