package io.llmwatch.agent.export;

import io.llmwatch.agent.spool.EncodedEvent;
import io.llmwatch.agent.spool.Settlement;
import io.llmwatch.agent.spool.Spool;
import io.llmwatch.agent.spool.SpooledEvent;
import io.llmwatch.schemas.topic.Topic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that talks to Kafka. It owns the producer: warms its metadata, announces the writer
 * schemas, then moves events from the queue to the producer, encoding each on this thread, and serves flush
 * and close requests between batches.
 *
 * <p>It never waits inside the producer. While the producer holds less than its in-flight budget, events go
 * straight to it; when the broker is unreachable the budget fills up, and with a spool configured every
 * further event is appended to the spool instead, behind those already there, so order is kept. Replay
 * starts as soon as acknowledgements free the budget again. Without a spool the worker holds the event it
 * could not send and leaves the rest in the queue, which then drops new events once full.
 */
final class ExportWorker implements Runnable {

    /** How long an idle worker sleeps before it looks at the queue, flushes and the spool again. */
    static final Duration IDLE_WAKE_UP = Duration.ofMillis(20);

    /** How long the worker waits at start for partition metadata, while the queue holds early events. */
    static final Duration METADATA_WARM_UP = Duration.ofSeconds(2);

    /** Events moved per pass, between looks at flush requests, the spool and the drop warning. */
    private static final int EVENTS_PER_PASS = 512;

    private static final long WARM_UP_POLL_NANOS = Duration.ofMillis(10).toNanos();

    private static final Logger LOG = LoggerFactory.getLogger(ExportWorker.class);

    private final ExportQueue queue;
    private final Producer<String, byte[]> producer;
    private final ExportCounters counters;
    private final InFlight inFlight;
    /** Null without a spool. */
    private final Spool spool;
    private final DropWarning dropWarning;
    private final List<String> topics;
    private final List<SchemaAnnouncement> pendingAnnouncements;
    private final Set<String> topicsWithMetadata = new HashSet<>();
    /** Built once: while the broker is down this is why every event is spooled. */
    private final String budgetSpentProblem;
    private final Queue<FlushRequest> flushRequests = new ConcurrentLinkedQueue<>();
    private volatile boolean closeRequested;
    private volatile long closeDeadlineNanos;
    private volatile Thread thread;
    private volatile boolean parked;
    /** Whether a settled delivery should wake the parked worker: something waits for one. */
    private volatile boolean awaitingDeliveries;
    /** Without a spool: the event the producer could not take yet, sent before anything else. */
    private EncodedEvent held;
    /** Whether the spool has unread events, for logging when spooling starts and ends. */
    private boolean spooling;

    ExportWorker(ExportQueue queue, Producer<String, byte[]> producer, ExportCounters counters, ExportBuffers buffers,
                 DropWarning dropWarning, List<Topic<String, ?>> topics, List<SchemaAnnouncement> announcements) {
        this.queue = queue;
        this.producer = producer;
        this.counters = counters;
        this.spool = buffers.spool().orElse(null);
        this.inFlight = new InFlight(buffers.inFlightBytes(), counters, spool != null, this::wakeForDelivery);
        this.dropWarning = dropWarning;
        this.topics = topics.stream().map(Topic::name).toList();
        this.pendingAnnouncements = new ArrayList<>(announcements);
        this.budgetSpentProblem = "the broker has not acknowledged the last " + buffers.inFlightBytes() + " bytes sent";
    }

    /**
     * Completes with true once as many events have finished (sent, failed or dropped) as were accepted
     * before this call, plus those recovered from the spool; with false if the worker stopped first.
     */
    CompletableFuture<Boolean> requestFlush() {
        long recovered = spool == null ? 0 : spool.recoveredEvents();
        FlushRequest request = new FlushRequest(new CompletableFuture<>(), recovered + queue.accepted());
        flushRequests.add(request);
        wake();
        return request.done();
    }

    /** Asks the worker to deliver what it can until {@code deadlineNanos}, then close the producer at once and stop. */
    void requestClose(long deadlineNanos) {
        closeDeadlineNanos = deadlineNanos;
        closeRequested = true;
        wake();
    }

    boolean isAsleep() {
        return parked;
    }

    /** Wakes the worker if it sleeps; the queue calls it when events pile up. */
    void wake() {
        Thread sleeper = thread;
        if (parked && sleeper != null) {
            LockSupport.unpark(sleeper);
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            warmUp();
            while (!closeRequested) {
                boolean progressed = exportOnce();
                long now = System.nanoTime();
                completeFlushRequests();
                dropWarning.reportIfDue(now);
                if (spool != null) {
                    spool.syncIfDue(now);
                }
                if (!progressed) {
                    idle(IDLE_WAKE_UP.toNanos());
                }
            }
            deliverUntil(closeDeadlineNanos);
        } catch (RuntimeException e) {
            // A bug, or a disk failing under the spool: export stops, the queue fills and drops are counted.
            LOG.error("The llmwatch export worker stopped; telemetry is no longer sent", e);
        } finally {
            closeProducer();
            keepWhatIsLeft();
            if (spool != null) {
                spool.releaseSettled();
                spool.close();
            }
            completeFlushRequests();
            flushRequests.forEach(request -> request.done().complete(false));
        }
    }

    /**
     * Fetches partition metadata for every topic before the first send, so no event is spooled just because
     * the client is new. The queue holds what is recorded meanwhile; the wait ends early if it fills up.
     */
    private void warmUp() {
        long deadline = System.nanoTime() + METADATA_WARM_UP.toNanos();
        Set<String> missing = new LinkedHashSet<>(topics);
        missing.removeIf(this::hasMetadata);
        while (!missing.isEmpty() && !closeRequested && System.nanoTime() < deadline && queue.size() < queue.capacity() / 2) {
            LockSupport.parkNanos(WARM_UP_POLL_NANOS);
            missing.removeIf(this::hasMetadata);
        }
        if (!missing.isEmpty()) {
            LOG.warn("No partition metadata for {} yet; events wait in the producer{} until the broker answers",
                    missing, spool == null ? "" : " and the spool");
        }
    }

    /** With {@code max.block.ms=0} the producer answers from its cache, or fails at once and fetches in the background. */
    private boolean hasMetadata(String topic) {
        if (topicsWithMetadata.contains(topic)) {
            return true;
        }
        try {
            producer.partitionsFor(topic);
            topicsWithMetadata.add(topic);
            return true;
        } catch (KafkaException e) {
            return false;
        }
    }

    /** One pass: announce, re-spool what the producer gave back, replay, then export newly queued events. */
    private boolean exportOnce() {
        boolean progressed = announce();
        if (spool != null) {
            progressed |= respoolGivenBack();
            spool.releaseSettled();
            progressed |= replay();
        }
        return exportQueued() | progressed;
    }

    /** Sends the writer schemas ahead of the events, once the schema topic's metadata is known. */
    private boolean announce() {
        if (pendingAnnouncements.isEmpty() || !hasMetadata(pendingAnnouncements.get(0).topic().name())) {
            return false;
        }
        for (SchemaAnnouncement announcement : pendingAnnouncements) {
            try {
                producer.send(record(announcement), (metadata, error) -> {
                    if (error != null) {
                        LOG.warn("Could not publish writer schema {} to {}: {}", announcement.key(), announcement.topic(), error.toString());
                    }
                });
            } catch (RuntimeException e) {
                LOG.warn("Could not publish writer schema {} to {}: {}", announcement.key(), announcement.topic(), e.toString());
            }
        }
        pendingAnnouncements.clear();
        return true;
    }

    /** Spools again the events the producer gave back; only then is their original spool copy released. */
    private boolean respoolGivenBack() {
        List<InFlight.GivenBack> givenBack = inFlight.takeGivenBack();
        for (InFlight.GivenBack event : givenBack) {
            spill(event.event());
            event.settlement().settle();
        }
        return !givenBack.isEmpty();
    }

    /** Hands spooled events to the producer, oldest first, while its in-flight budget has room. */
    private boolean replay() {
        int handedOver = 0;
        try {
            for (Optional<SpooledEvent> next = spool.peek(); next.isPresent() && handedOver < EVENTS_PER_PASS; next = spool.peek()) {
                SpooledEvent spooled = next.get();
                if (!inFlight.hasRoomFor(spooled.event()) || !inFlight.handOver(producer, spooled.event(), spooled.settlement())) {
                    break;
                }
                spool.take();
                counters.replayed();
                handedOver++;
            }
        } catch (UncheckedIOException e) {
            counters.problem("cannot read the spool: " + e.getMessage());
        }
        if (spooling && handedOver > 0 && !spool.hasUnread()) {
            spooling = false;
            LOG.info("Kafka takes events again: every spooled event has been handed to it");
        }
        return handedOver > 0;
    }

    private boolean exportQueued() {
        int moved = 0;
        while (moved < EVENTS_PER_PASS) {
            if (held != null) {
                if (!sendDirectly(held)) {
                    break;
                }
                held = null;
                moved++;
            }
            OutboundRecord<?> next = queue.poll();
            if (next == null) {
                break;
            }
            moved++;
            encode(next).ifPresent(this::route);
        }
        return moved > 0;
    }

    /** Straight to the producer if it has room and nothing spooled is waiting; otherwise to the spool, or held. */
    private void route(EncodedEvent event) {
        if (spool == null) {
            if (!sendDirectly(event)) {
                held = event;
            }
        } else if (spool.hasUnread() || !sendDirectly(event)) {
            spill(event);
        }
    }

    private boolean sendDirectly(EncodedEvent event) {
        if (!inFlight.hasRoomFor(event)) {
            counters.problem(budgetSpentProblem);
            return false;
        }
        return inFlight.handOver(producer, event, Settlement.NONE);
    }

    private void spill(EncodedEvent event) {
        String problem;
        try {
            if (spool.append(event)) {
                counters.spooled();
                if (!spooling) {
                    spooling = true;
                    LOG.warn("Kafka cannot take events now ({}); spooling them to {} until it can",
                            counters.latestProblem(), spool.directory());
                }
                return;
            }
            problem = "the spool in " + spool.directory() + " is full (" + spool.maxBytes()
                    + " bytes): Kafka has been unreachable for longer than the spool can cover";
        } catch (UncheckedIOException e) {
            problem = "cannot write to the spool: " + e.getMessage();
        }
        counters.dropped(DropReason.SPOOL_FULL, problem);
        inFlight.finishedUnsent();
    }

    private Optional<EncodedEvent> encode(OutboundRecord<?> event) {
        try {
            ProducerRecord<String, byte[]> record = record(event);
            return Optional.of(new EncodedEvent(record.topic(), record.key(), record.value()));
        } catch (RuntimeException e) {
            // Building or serializing the value failed: a bug or a broken event, never worth a retry.
            counters.failed(e.toString());
            inFlight.finishedUnsent();
            return Optional.empty();
        }
    }

    private static <V> ProducerRecord<String, byte[]> record(OutboundRecord<V> event) {
        Topic<String, V> topic = event.topic();
        return new ProducerRecord<>(topic.name(), event.key(), topic.valueSerde().serializer().serialize(topic.name(), event.value()));
    }

    /** At close: keeps exporting and replaying until nothing is left or the deadline passes. */
    private void deliverUntil(long deadlineNanos) {
        for (long now = System.nanoTime(); now < deadlineNanos && !everythingDelivered(); now = System.nanoTime()) {
            boolean progressed = exportOnce();
            completeFlushRequests();
            if (!progressed) {
                idle(Math.min(IDLE_WAKE_UP.toNanos(), deadlineNanos - now));
            }
        }
    }

    private boolean everythingDelivered() {
        return queue.size() == 0 && held == null && inFlight.isEmpty() && (spool == null || !spool.hasUnread());
    }

    /**
     * Closes the producer with what remains until the deadline (nothing, if delivery used it all). What it
     * still holds then comes back through the callbacks: failed, or given back to be spooled.
     */
    private void closeProducer() {
        try {
            producer.close(Duration.ofNanos(Math.max(0, closeDeadlineNanos - System.nanoTime())));
        } catch (RuntimeException e) {
            LOG.warn("Closing the llmwatch producer failed: {}", e.toString());
        }
    }

    /** After the producer closed: with a spool, whatever was not delivered goes there for the next run; without, it failed. */
    private void keepWhatIsLeft() {
        if (spool != null) {
            respoolGivenBack();
            for (OutboundRecord<?> event = queue.poll(); event != null; event = queue.poll()) {
                encode(event).ifPresent(this::spill);
            }
            return;
        }
        int unsent = held == null ? 0 : 1;
        held = null;
        for (OutboundRecord<?> event = queue.poll(); event != null; event = queue.poll()) {
            unsent++;
        }
        for (int i = 0; i < unsent; i++) {
            counters.failed("closed before Kafka could take it");
            inFlight.finishedUnsent();
        }
    }

    private void completeFlushRequests() {
        long finished = inFlight.finished();
        flushRequests.removeIf(request -> finished >= request.finishedTarget() && request.done().complete(true));
    }

    private void idle(long nanos) {
        awaitingDeliveries = held != null || !flushRequests.isEmpty() || closeRequested
                || (spool != null && spooling);
        parked = true;
        if (queue.size() == 0 || held != null) {
            LockSupport.parkNanos(this, nanos);
        } else {
            // An application thread claimed a slot and is storing its event this instant.
            Thread.onSpinWait();
        }
        parked = false;
    }

    private void wakeForDelivery() {
        if (awaitingDeliveries) {
            wake();
        }
    }

    /** A flush waiting until {@code finishedTarget} events have finished. */
    private record FlushRequest(CompletableFuture<Boolean> done, long finishedTarget) {
    }
}
