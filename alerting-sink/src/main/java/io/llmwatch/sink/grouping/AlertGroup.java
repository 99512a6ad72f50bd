package io.llmwatch.sink.grouping;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One Alertmanager group for one destination: the newest state of each incident in it, the alerts not
 * announced yet, and when the next notification is due.
 *
 * <ul>
 *   <li>A new group waits {@code group_wait}, collecting alerts, before its first notification.</li>
 *   <li>After a notification, news (new incidents, resolutions) waits until {@code group_interval} has passed.</li>
 *   <li>Without news, a group with firing incidents is announced again every {@code repeat_interval}.</li>
 * </ul>
 * Resolved incidents leave the group once announced; a group with nothing left is discarded.
 * The type parameter is what travels with each alert until it is settled. Not thread-safe.
 */
public final class AlertGroup<T> {

    private final String key;
    private final GroupingPolicy policy;
    private final Map<String, AlertEvent> incidents = new LinkedHashMap<>();
    private final List<Pending<T>> unannounced = new ArrayList<>();
    private Instant lastNotified;
    private Instant flushAt;
    private Batch<T> inFlight;

    public AlertGroup(String key, GroupingPolicy policy) {
        this.key = Objects.requireNonNull(key, "key");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The group of an alert under a route: its dedup key when grouping per incident, else the route and the group_by label values. */
    public static String keyOf(String route, GroupingPolicy policy, Map<String, String> labels) {
        if (policy.perAlert()) {
            return labels.get("dedupKey");
        }
        StringBuilder key = new StringBuilder(route).append('{');
        for (String label : policy.groupBy()) {
            key.append(label).append('=').append(labels.getOrDefault(label, "")).append(',');
        }
        key.setLength(key.length() - 1);
        return key.append('}').toString();
    }

    public String key() {
        return key;
    }

    public GroupingPolicy policy() {
        return policy;
    }

    /** A new alert to announce. */
    public void add(AlertEvent alert, T carried, Instant now) {
        incidents.put(alert.getDedupKey(), alert);
        unannounced.add(new Pending<>(alert, carried));
        if (flushAt == null) {
            flushAt = lastNotified == null ? now.plus(policy.groupWait()) : later(now, lastNotified.plus(policy.groupInterval()));
        }
    }

    /**
     * An alert this destination already accepted before a restart: part of the group's state (a grouped
     * resolve needs to know it fired) but nothing to announce.
     */
    public void remember(AlertEvent alert, Instant now) {
        if (alert.getStatus() == AlertStatus.FIRING) {
            incidents.put(alert.getDedupKey(), alert);
            if (lastNotified == null) {
                lastNotified = now;
            }
        } else {
            incidents.remove(alert.getDedupKey());
        }
    }

    /** When this group next wants the destination's attention; empty when it has nothing to do. */
    public Optional<Instant> dueAt() {
        if (inFlight != null) {
            return Optional.of(inFlight.nextAttempt);
        }
        if (flushAt != null) {
            return Optional.of(flushAt);
        }
        if (lastNotified != null && incidents.values().stream().anyMatch(alert -> alert.getStatus() == AlertStatus.FIRING)) {
            return Optional.of(lastNotified.plus(policy.repeatInterval()));
        }
        return Optional.empty();
    }

    /**
     * The batch to attempt now: the one being retried, or a new one of the group's current state; empty
     * when there is nothing left to say (everything was withdrawn since the group fell due).
     */
    public Optional<Batch<T>> take() {
        if (inFlight == null && incidents.isEmpty()) {
            unannounced.clear();
            flushAt = null;
            return Optional.empty();
        }
        if (inFlight == null && policy.perAlert() && !unannounced.isEmpty()) {
            // One incident: every transition is news of its own, in order, so a FIRING is never folded into its RESOLVED.
            Pending<T> next = unannounced.remove(0);
            inFlight = new Batch<>(List.of(next.alert()), List.of(next.carried()), false);
            flushAt = null;
        } else if (inFlight == null) {
            boolean repeat = unannounced.isEmpty();
            inFlight = new Batch<>(List.copyOf(incidents.values()), unannounced.stream().map(Pending::carried).toList(), repeat);
            unannounced.clear();
            flushAt = null;
        }
        return Optional.of(inFlight);
    }

    /** The batch in flight failed for now; it is attempted again, unchanged, at {@code nextAttempt}. */
    public void retryAt(Instant nextAttempt) {
        Objects.requireNonNull(inFlight, "nothing in flight").nextAttempt = nextAttempt;
        inFlight.retries++;
    }

    /** The batch in flight was accepted or dead-lettered: resolved incidents in it leave the group. */
    public void settled(Instant now) {
        Batch<T> done = Objects.requireNonNull(inFlight, "nothing in flight");
        for (AlertEvent alert : done.alerts) {
            if (alert.getStatus() == AlertStatus.RESOLVED && incidents.get(alert.getDedupKey()) == alert) {
                incidents.remove(alert.getDedupKey());
            }
        }
        inFlight = null;
        lastNotified = now;
        if (!unannounced.isEmpty()) {
            flushAt = now.plus(policy.groupInterval());
        }
    }

    /**
     * Withdraws alerts not announced yet, e.g. those of partitions this instance lost (their new owner
     * announces them); an incident whose newest state was withdrawn leaves the group too.
     */
    public void withdraw(Predicate<T> withdrawn) {
        List<Pending<T>> gone = unannounced.stream().filter(pending -> withdrawn.test(pending.carried())).toList();
        if (gone.isEmpty()) {
            return;
        }
        unannounced.removeAll(gone);
        for (Pending<T> pending : gone) {
            incidents.remove(pending.alert().getDedupKey(), pending.alert());
        }
        if (unannounced.isEmpty()) {
            flushAt = null;
        }
    }

    /** Nothing firing, nothing waiting, nothing in flight: the group can go. */
    public boolean isEmpty() {
        return incidents.isEmpty() && unannounced.isEmpty() && inFlight == null;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** An alert not announced yet, with what travels with it. */
    private record Pending<T>(AlertEvent alert, T carried) {
    }

    /** One notification's content and the alerts it settles once the destination takes it. */
    public static final class Batch<T> {
        private final List<AlertEvent> alerts;
        private final List<T> settles;
        private final boolean repeat;
        private Instant nextAttempt = Instant.MIN;
        private int retries;

        private Batch(List<AlertEvent> alerts, List<T> settles, boolean repeat) {
            this.alerts = alerts;
            this.settles = settles;
            this.repeat = repeat;
        }

        public List<AlertEvent> alerts() {
            return alerts;
        }

        public List<T> settles() {
            return settles;
        }

        public boolean repeat() {
            return repeat;
        }

        public int retries() {
            return retries;
        }
    }
}
