package io.llmwatch.sink.delivery;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.topic.Topics;
import io.llmwatch.sink.delivery.DeliveryResult.Delivered;
import io.llmwatch.sink.delivery.DeliveryResult.PermanentFailure;
import io.llmwatch.sink.delivery.DeliveryResult.RetryableFailure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Settles one record of the alerts topic: logs the alert and hands it to every destination, retrying
 * each one that fails retryably on its own backoff schedule (so a slow Slack does not hold back a
 * page), and dead-letters it for each destination that refuses it for good. Records that are not
 * readable alerts are dead-lettered at once.
 */
public final class AlertDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

    private final Deserializer<AlertEvent> alerts = Topics.ALERTS.valueSerde().deserializer();
    private final List<Destination> destinations;
    private final Backoff backoff;
    private final DeadLetterPublisher deadLetters;
    private final InstantSource clock;

    public AlertDispatcher(List<Destination> destinations, Backoff backoff, DeadLetterPublisher deadLetters, InstantSource clock) {
        this.destinations = List.copyOf(destinations);
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Returns true once the record is settled, meaning its offset may be committed: every destination
     * accepted the alert or it was dead-lettered. Returns false when {@code wait} gave up between retries.
     */
    public boolean dispatch(ConsumerRecord<byte[], byte[]> record, RetryWait wait) {
        AlertEvent alert;
        try {
            alert = alerts.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            LOG.warn("Dead-lettering undecodable record at offset {} of {}-{}: {}",
                    record.offset(), record.topic(), record.partition(), e.getMessage());
            deadLetters.publishUndecodable(record, e.getMessage());
            return true;
        }
        if (alert == null) {
            LOG.warn("Dead-lettering empty record at offset {} of {}-{}", record.offset(), record.topic(), record.partition());
            deadLetters.publishUndecodable(record, "record has no value");
            return true;
        }
        LOG.info("Alert {} {} {} {}={}: observed {} vs expected {} {} - {}",
                alert.getSeverity(), alert.getType(), alert.getStatus(), alert.getDimension(), alert.getDimensionKey(),
                alert.getObserved(), alert.getExpected(), alert.getUnit(), alert.getSummary());
        return deliverEverywhere(record, alert, wait);
    }

    private boolean deliverEverywhere(ConsumerRecord<byte[], byte[]> record, AlertEvent alert, RetryWait wait) {
        List<PendingDestination> pending = new ArrayList<>(destinations.stream().map(PendingDestination::new).toList());
        while (true) {
            Instant now = clock.instant();
            pending.removeIf(destination -> !destination.nextAttempt.isAfter(now) && attemptSettles(destination, record, alert));
            if (pending.isEmpty()) {
                return true;
            }
            Instant nextAttempt = pending.stream().map(destination -> destination.nextAttempt)
                    .min(Comparator.naturalOrder()).orElseThrow();
            Duration delay = Duration.between(clock.instant(), nextAttempt);
            if (!wait.await(delay.isNegative() ? Duration.ZERO : delay)) {
                return false;
            }
        }
    }

    /** Makes one attempt; returns whether the destination is now settled, otherwise schedules its next attempt. */
    private boolean attemptSettles(PendingDestination pending, ConsumerRecord<byte[], byte[]> record, AlertEvent alert) {
        String name = pending.destination.name();
        DeliveryResult result = attempt(pending.destination, alert);
        if (result instanceof Delivered) {
            LOG.debug("Delivered alert {} to {}", alert.getAlertId(), name);
            return true;
        }
        if (result instanceof PermanentFailure refusal) {
            LOG.warn("{} refused alert {} for good, dead-lettering it: {}", name, alert.getAlertId(), refusal.reason());
            deadLetters.publishRefused(record, name, refusal.reason());
            return true;
        }
        RetryableFailure failure = (RetryableFailure) result;
        pending.retries++;
        Duration delay = max(backoff.delayBeforeRetry(pending.retries), failure.retryAfter());
        pending.nextAttempt = clock.instant().plus(delay);
        LOG.warn("{} could not take alert {} ({}); retry {} in {} ms",
                name, alert.getAlertId(), failure.reason(), pending.retries, delay.toMillis());
        return false;
    }

    /** Destinations are plug-ins: one that throws despite its contract must not kill the sink or block it forever. */
    private static DeliveryResult attempt(Destination destination, AlertEvent alert) {
        try {
            return destination.deliver(alert);
        } catch (RuntimeException e) {
            LOG.error("{} threw instead of reporting a result", destination.name(), e);
            return new PermanentFailure(destination.name() + " threw " + e);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** One destination that has not settled the current alert yet. */
    private static final class PendingDestination {
        private final Destination destination;
        private int retries;
        private Instant nextAttempt = Instant.MIN;

        private PendingDestination(Destination destination) {
            this.destination = destination;
        }
    }
}
