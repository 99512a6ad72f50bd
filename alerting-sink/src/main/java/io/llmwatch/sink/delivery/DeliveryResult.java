package io.llmwatch.sink.delivery;

import java.time.Duration;
import java.util.Objects;

/** What one attempt to hand an alert to a {@link Destination} came to. */
public sealed interface DeliveryResult {

    /** The destination accepted the alert. */
    record Delivered() implements DeliveryResult {
    }

    /**
     * The attempt failed for a reason that may pass (an outage, overload, a timeout): try again later.
     *
     * @param retryAfter the least time the destination asked us to wait, {@link Duration#ZERO} when it did not say
     * @param throttled  the destination said it is over its rate limit (429): nothing else may be sent to it before {@code retryAfter}
     */
    record RetryableFailure(String reason, Duration retryAfter, boolean throttled) implements DeliveryResult {

        public RetryableFailure {
            Objects.requireNonNull(reason, "reason");
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
            }
        }

        public RetryableFailure(String reason, Duration retryAfter) {
            this(reason, retryAfter, false);
        }

        public RetryableFailure(String reason) {
            this(reason, Duration.ZERO);
        }
    }

    /** The destination will never accept this alert as it is (a rejected request, bad credentials): retrying cannot help. */
    record PermanentFailure(String reason) implements DeliveryResult {

        public PermanentFailure {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
