package io.llmwatch.sink.delivery;

import java.util.Optional;

/**
 * Somewhere alerts go: Slack, PagerDuty, a webhook. A few delivery threads call it, each for a different
 * group, and wait for the answer, so an implementation must be thread-safe, bound the time one call takes
 * and report failures as a {@link DeliveryResult} rather than throw.
 */
public interface Destination {

    /** A short, stable name for routes, logs, the dead-letter {@code destination} header and the delivery ledger. */
    String name();

    /** Makes one attempt to hand the notification over. */
    DeliveryResult deliver(Notification notification);

    /** How many notifications per second the receiving end accepts; empty for no limit. */
    default Optional<RateLimit> rateLimit() {
        return Optional.empty();
    }

    /**
     * Attempts under way at once, each for a different group (a group's notifications stay in order), so one
     * slow answer does not hold back every other incident. Each may be on the wire when the sink is killed,
     * and is then sent again after the restart.
     */
    default int concurrency() {
        return 4;
    }
}
