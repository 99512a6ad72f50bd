package io.llmwatch.sink.delivery;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.sink.delivery.DeliveryResult.Delivered;
import io.llmwatch.sink.delivery.DeliveryResult.PermanentFailure;
import io.llmwatch.sink.delivery.DeliveryResult.RetryableFailure;
import io.llmwatch.sink.grouping.AlertGroup;
import io.llmwatch.sink.grouping.AlertGroup.Batch;
import io.llmwatch.sink.grouping.GroupingPolicy;
import io.llmwatch.sink.ledger.DeliveryLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Delivers to one destination on its own threads (each attempting a different group, so a group's
 * notifications stay in order): keeps that destination's groups, sends whichever is
 * due first when the rate limit allows, retries failures with backoff (a group being retried waits,
 * the others go on), pauses everything on 429, and settles the alerts of each notification the
 * destination accepted or refused for good (dead-lettering them). A slow or down destination
 * therefore never delays another one.
 */
final class DestinationWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DestinationWorker.class);

    private final Destination destination;
    private final Backoff backoff;
    private final DeadLetterPublisher deadLetters;
    private final DeliveryLedger ledger;
    private final InstantSource clock;
    private final TokenBucket bucket;
    private final Map<String, AlertGroup<PendingAlert>> groups = new HashMap<>();
    /** Groups an attempt is under way for, on one of this destination's threads. */
    private final Set<String> attempting = new HashSet<>();
    private final Object lock = new Object();
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    DestinationWorker(Destination destination, Backoff backoff, DeadLetterPublisher deadLetters, DeliveryLedger ledger,
                      InstantSource clock) {
        this.destination = destination;
        this.backoff = backoff;
        this.deadLetters = deadLetters;
        this.ledger = ledger;
        this.clock = clock;
        this.bucket = new TokenBucket(destination.rateLimit(), clock.instant());
    }

    String name() {
        return destination.name();
    }

    int concurrency() {
        return destination.concurrency();
    }

    void add(String groupKey, GroupingPolicy policy, PendingAlert alert) {
        synchronized (lock) {
            groups.computeIfAbsent(groupKey, key -> new AlertGroup<>(key, policy)).add(alert.alert(), alert, clock.instant());
            lock.notifyAll();
        }
    }

    void remember(String groupKey, GroupingPolicy policy, AlertEvent alert) {
        synchronized (lock) {
            AlertGroup<PendingAlert> group = groups.computeIfAbsent(groupKey, key -> new AlertGroup<>(key, policy));
            group.remember(alert, clock.instant());
            if (group.isEmpty()) {
                groups.remove(groupKey);
            }
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                Optional<AlertGroup<PendingAlert>> due = awaitDueGroup();
                due.ifPresent(this::attempt);
            }
        } catch (RuntimeException e) {
            // Typically the dead-letter topic is unreachable: the alerts in hand stay unsettled and uncommitted.
            LOG.error("Delivery to {} stopped on an error", name(), e);
            failure = e;
        }
    }

    /** The error that stopped this worker, if one did. */
    Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops after the attempt in progress, if any; what is left stays unsettled and is redelivered after a restart. */
    void stop() {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    private Optional<AlertGroup<PendingAlert>> awaitDueGroup() {
        synchronized (lock) {
            while (running) {
                Instant now = clock.instant();
                Optional<AlertGroup<PendingAlert>> next = groups.values().stream()
                        .filter(group -> !attempting.contains(group.key()) && group.dueAt().isPresent())
                        .min(Comparator.comparing(group -> group.dueAt().orElseThrow()));
                Instant wakeAt = next.flatMap(AlertGroup::dueAt).orElse(now.plusSeconds(60));
                if (!wakeAt.isAfter(now)) {
                    if (bucket.tryTake(now)) {
                        attempting.add(next.get().key());
                        return next;
                    }
                    wakeAt = bucket.nextToken(now);
                }
                waitUntil(now, wakeAt);
            }
            return Optional.empty();
        }
    }

    private void waitUntil(Instant now, Instant wakeAt) {
        long millis = Math.max(1, Duration.between(now, wakeAt).toMillis());
        try {
            lock.wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void attempt(AlertGroup<PendingAlert> group) {
        try {
            attemptOnce(group);
        } finally {
            synchronized (lock) {
                attempting.remove(group.key());
                lock.notifyAll();
            }
        }
    }

    private void attemptOnce(AlertGroup<PendingAlert> group) {
        Batch<PendingAlert> batch;
        synchronized (lock) {
            Optional<Batch<PendingAlert>> taken = group.take();
            if (taken.isEmpty()) {
                groups.remove(group.key(), group);
                return;
            }
            batch = taken.get();
        }
        Notification notification = new Notification(group.key(), batch.alerts(), group.policy().perAlert(), batch.repeat());
        DeliveryResult result = alreadyAccepted(batch) ? new Delivered() : deliver(notification);
        synchronized (lock) {
            Instant now = clock.instant();
            if (result instanceof RetryableFailure failure) {
                Duration delay = max(backoff.delayBeforeRetry(batch.retries() + 1), failure.retryAfter());
                group.retryAt(now.plus(delay));
                if (failure.throttled()) {
                    bucket.pauseUntil(now.plus(delay));
                }
                LOG.warn("{} could not take the notification of {} ({}); retry {} in {} ms",
                        name(), group.key(), failure.reason(), batch.retries(), delay.toMillis());
                return;
            }
            settle(batch, result);
            group.settled(now);
            if (group.isEmpty()) {
                groups.remove(group.key(), group);
            }
        }
    }

    private void settle(Batch<PendingAlert> batch, DeliveryResult result) {
        for (PendingAlert alert : batch.settles()) {
            if (result instanceof PermanentFailure refusal) {
                deadLetters.publishRefused(alert.pending().record(), name(), refusal.reason());
            } else {
                ledger.record(name(), alert.alert().getAlertId());
            }
            alert.pending().settleOne();
        }
        if (result instanceof PermanentFailure refusal) {
            LOG.warn("{} refused the notification of {} for good; dead-lettered its {} alert(s): {}",
                    name(), batch.alerts().get(0).getDedupKey(), batch.settles().size(), refusal.reason());
        } else if (result instanceof Delivered) {
            LOG.debug("{} accepted a notification of {} alert(s)", name(), batch.alerts().size());
        }
    }

    /**
     * Another instance may have delivered these alerts meanwhile (it took over their partition and
     * this one had them queued): the ledger it shares says so, and sending them again would repeat a page.
     */
    private boolean alreadyAccepted(Batch<PendingAlert> batch) {
        return !batch.settles().isEmpty() && !batch.repeat()
                && batch.settles().stream().allMatch(alert -> ledger.accepted(name(), alert.alert().getAlertId()));
    }

    /** Withdraws queued alerts of records that are no longer this instance's to deliver. */
    void withdraw(Predicate<PendingAlert> revoked) {
        synchronized (lock) {
            groups.values().forEach(group -> group.withdraw(revoked));
            groups.values().removeIf(AlertGroup::isEmpty);
        }
    }

    /** Destinations are plug-ins: one that throws despite its contract must not kill its worker or block it forever. */
    private DeliveryResult deliver(Notification notification) {
        try {
            return destination.deliver(notification);
        } catch (RuntimeException e) {
            LOG.error("{} threw instead of reporting a result", name(), e);
            return new PermanentFailure(name() + " threw " + e);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
