package io.llmwatch.sink.grouping;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one route batches alerts into notifications, after Alertmanager.
 *
 * @param groupBy        labels whose values together name a group; {@link #BY_ALERT} makes every dedup key its own group
 * @param groupWait      how long a new group waits for more alerts before its first notification
 * @param groupInterval  how long a group waits after a notification before announcing what changed since
 * @param repeatInterval how long after a notification an unchanged, still firing group is announced again
 */
public record GroupingPolicy(List<String> groupBy, Duration groupWait, Duration groupInterval, Duration repeatInterval) {

    /** Each incident (dedup key) is its own group: a FIRING and its RESOLVED are one group. */
    public static final List<String> BY_ALERT = List.of("dedupKey");

    /** Alertmanager's own defaults, for routes that group but do not say how long to wait. */
    public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

    /**
     * Without a routes file: every alert notified as soon as it arrives, each incident on its own, as
     * the sink always did; still-firing incidents are reminded every 4 hours.
     */
    public static final GroupingPolicy IMMEDIATE = new GroupingPolicy(BY_ALERT, Duration.ZERO, Duration.ZERO, DEFAULT_REPEAT_INTERVAL);

    public GroupingPolicy {
        groupBy = List.copyOf(groupBy);
        if (groupBy.isEmpty()) {
            throw new IllegalArgumentException("group_by needs at least one label (use [dedupKey] for one group per incident)");
        }
        requireNotNegative(groupWait, "group_wait");
        requireNotNegative(groupInterval, "group_interval");
        requireNotNegative(repeatInterval, "repeat_interval");
        if (repeatInterval.isZero()) {
            throw new IllegalArgumentException("repeat_interval must be positive");
        }
    }

    private static void requireNotNegative(Duration duration, String name) {
        if (Objects.requireNonNull(duration, name).isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
    }

    public boolean perAlert() {
        return groupBy.equals(BY_ALERT);
    }
}
