package io.llmwatch.sink.delivery;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.topic.Topics;
import io.llmwatch.sink.grouping.AlertGroup;
import io.llmwatch.sink.inhibit.Inhibitor;
import io.llmwatch.sink.ledger.DeliveryLedger;
import io.llmwatch.sink.routing.AlertLabels;
import io.llmwatch.sink.routing.Route;
import io.llmwatch.sink.routing.RouteTable;
import io.llmwatch.sink.silence.Silence;
import io.llmwatch.sink.silence.SilenceBook;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The delivery core shared by the standalone sink and the Kafka Connect task. Each record of the alerts
 * topic handed to {@link #accept} is decoded (undecodable ones are dead-lettered), logged, checked
 * against silences and inhibition, routed, and queued in its group at each destination it goes to,
 * minus those the {@link DeliveryLedger} says already accepted it. Each destination's worker delivers
 * on its own thread. {@link #committableOffsets()} says how far each partition may be committed:
 * up to the oldest alert some destination has neither accepted nor dead-lettered.
 */
public final class DeliveryCore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryCore.class);

    private final Deserializer<AlertEvent> alerts = Topics.ALERTS.valueSerde().deserializer();
    private final Map<String, DestinationWorker> workers = new LinkedHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final RouteTable routes;
    private final SilenceBook silences;
    private final Inhibitor inhibitor = new Inhibitor();
    private final DeliveryLedger ledger;
    private final DeadLetterPublisher deadLetters;
    private final InstantSource clock;
    private final OffsetTracker offsets = new OffsetTracker();

    public DeliveryCore(List<Destination> destinations, RouteTable routes, SilenceBook silences, DeliveryLedger ledger,
                        DeadLetterPublisher deadLetters, Backoff backoff, InstantSource clock) {
        for (Destination destination : destinations) {
            if (workers.put(destination.name(), new DestinationWorker(destination, backoff, deadLetters, ledger, clock)) != null) {
                throw new IllegalArgumentException("Two destinations are named " + destination.name());
            }
        }
        routes.requireDestinations(workers.keySet());
        this.routes = routes;
        this.silences = silences;
        this.ledger = ledger;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** Starts the delivery threads of every destination. */
    public void start() {
        workers.values().forEach(worker -> {
            for (int i = 0; i < worker.concurrency(); i++) {
                Thread thread = new Thread(worker, "llmwatch-deliver-" + worker.name() + "-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        });
    }

    public Set<String> destinationNames() {
        return workers.keySet();
    }

    /** Takes one record of the alerts topic; records must come in offset order per partition. */
    public void accept(ConsumerRecord<byte[], byte[]> record) {
        failure().ifPresent(e -> {
            throw new KafkaException("Delivery stopped on an error; not accepting more alerts", e);
        });
        PendingRecord pending = new PendingRecord(record);
        offsets.track(new TopicPartition(record.topic(), record.partition()), pending);
        decode(record).ifPresent(alert -> route(alert, pending));
    }

    private Optional<AlertEvent> decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            AlertEvent alert = alerts.deserialize(record.topic(), record.value());
            if (alert != null) {
                return Optional.of(alert);
            }
            LOG.warn("Dead-lettering empty record at offset {} of {}-{}", record.offset(), record.topic(), record.partition());
            deadLetters.publishUndecodable(record, "record has no value");
        } catch (SerializationException e) {
            LOG.warn("Dead-lettering undecodable record at offset {} of {}-{}: {}",
                    record.offset(), record.topic(), record.partition(), e.getMessage());
            deadLetters.publishUndecodable(record, e.getMessage());
        }
        return Optional.empty();
    }

    private void route(AlertEvent alert, PendingRecord pending) {
        Map<String, String> labels = AlertLabels.of(alert);
        String line = alert.getSeverity() + " " + alert.getType() + " " + alert.getStatus() + " " + alert.getDimension() + "="
                + alert.getDimensionKey() + ": observed " + alert.getObserved() + " vs expected " + alert.getExpected() + " "
                + alert.getUnit() + " - " + alert.getSummary();
        Optional<Silence> silence = silences.muting(labels, clock.instant());
        if (silence.isPresent()) {
            LOG.info("Alert {} (silenced by {})", line, silence.get().id());
            return;
        }
        if (inhibitor.inhibits(alert)) {
            LOG.info("Alert {} (inhibited by a firing critical alert on the same key)", line);
            return;
        }
        Map<String, Route> destinations = routes.destinationsFor(labels);
        if (destinations.isEmpty()) {
            LOG.info("Alert {} (no route matches)", line);
            return;
        }
        LOG.info("Alert {} -> {}", line, destinations.keySet());
        List<Map.Entry<String, Route>> toSend = destinations.entrySet().stream()
                .filter(entry -> !ledger.accepted(entry.getKey(), alert.getAlertId())).toList();
        // Counted before any worker sees it, so no worker can settle the record before all are counted.
        pending.expect(toSend.size());
        destinations.forEach((name, route) -> {
            String groupKey = AlertGroup.keyOf(route.name(), route.grouping(), labels);
            if (ledger.accepted(name, alert.getAlertId())) {
                workers.get(name).remember(groupKey, route.grouping(), alert);
            } else {
                workers.get(name).add(groupKey, route.grouping(), new PendingAlert(alert, pending));
            }
        });
    }

    /**
     * Offsets that may be committed and moved since the last call (the delivery ledger is flushed
     * first, so a committed alert is always in it).
     */
    public Map<TopicPartition, OffsetAndMetadata> committableOffsets() {
        Map<TopicPartition, OffsetAndMetadata> advanced = offsets.advanced();
        if (!advanced.isEmpty()) {
            ledger.flush();
        }
        return advanced;
    }

    /** The safe offset of every partition handed in so far, moved or not (for Kafka Connect's preCommit). */
    public Map<TopicPartition, OffsetAndMetadata> safeOffsets() {
        Map<TopicPartition, OffsetAndMetadata> safe = offsets.safe();
        ledger.flush();
        return safe;
    }

    /** Alerts handed in and not settled yet, across partitions: how far delivery is behind consumption. */
    public int unsettled() {
        return offsets.unsettled();
    }

    /**
     * Stops committing for partitions this instance lost and withdraws their alerts still queued (the new
     * owner delivers them); attempts already under way finish.
     */
    public void forget(Collection<TopicPartition> partitions) {
        offsets.forget(partitions);
        workers.values().forEach(worker -> worker.withdraw(alert -> partitions.contains(
                new TopicPartition(alert.pending().record().topic(), alert.pending().record().partition()))));
    }

    /** The error that stopped a destination's worker, if any: the caller should stop consuming. */
    public Optional<RuntimeException> failure() {
        return workers.values().stream().map(DestinationWorker::failure).flatMap(Optional::stream).findFirst();
    }

    /** Stops the workers after their attempts in progress (waiting at most {@code timeout}); unsettled alerts stay uncommitted. */
    public void close(Duration timeout) {
        workers.values().forEach(DestinationWorker::stop);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(15));
    }
}
