package io.llmwatch.sink.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Enforces a {@link RateLimit} for one destination, and also holds the destination back when it
 * answered 429 ({@link #pauseUntil}). Not thread-safe: used under its delivery worker's lock.
 */
final class TokenBucket {

    private final Optional<RateLimit> limit;
    private double tokens;
    private Instant refilledAt;
    private Instant pausedUntil = Instant.MIN;

    TokenBucket(Optional<RateLimit> limit, Instant now) {
        this.limit = limit;
        this.tokens = limit.map(RateLimit::burst).orElse(0);
        this.refilledAt = now;
    }

    /** Takes a token if one is available now. */
    boolean tryTake(Instant now) {
        if (now.isBefore(pausedUntil)) {
            return false;
        }
        if (limit.isEmpty()) {
            return true;
        }
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** When a token will next be available (now, if one is). */
    Instant nextToken(Instant now) {
        Instant ready = now;
        if (limit.isPresent()) {
            refill(now);
            if (tokens < 1) {
                long nanos = (long) Math.ceil((1 - tokens) * limit.get().interval().toNanos());
                ready = now.plusNanos(nanos);
            }
        }
        return ready.isBefore(pausedUntil) ? pausedUntil : ready;
    }

    void pauseUntil(Instant until) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    private void refill(Instant now) {
        RateLimit rate = limit.orElseThrow();
        Duration elapsed = Duration.between(refilledAt, now);
        if (!elapsed.isNegative()) {
            tokens = Math.min(rate.burst(), tokens + (double) elapsed.toNanos() / rate.interval().toNanos());
            refilledAt = now;
        }
    }
}
