package io.llmwatch.sink.delivery;

import java.time.Duration;

/**
 * How {@link AlertDispatcher} waits between attempts. The consumer loop provides it, because only
 * the loop can keep its group membership alive while waiting and knows when waiting is pointless.
 */
@FunctionalInterface
public interface RetryWait {

    /**
     * Waits for {@code delay}. Returns false when the alert should be given up unsettled instead
     * (the sink is stopping, or its partition moved to another instance): its offset then stays
     * uncommitted and the alert is delivered again later.
     */
    boolean await(Duration delay);
}
