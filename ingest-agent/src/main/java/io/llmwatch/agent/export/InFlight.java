package io.llmwatch.agent.export;

import io.llmwatch.agent.spool.EncodedEvent;
import io.llmwatch.agent.spool.Settlement;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The events the worker has handed to the producer and that are not settled yet. It keeps their bytes under
 * a budget below the producer's buffer, so the producer never runs out of buffer and {@code send} never
 * blocks: past the budget the worker spools instead. It counts how each delivery ends (sent, failed, or
 * handed back to be spooled again) and how many events have finished, which is what a flush waits for.
 *
 * <p>The worker hands events over; the producer's network thread completes them. The two count bytes apart, the
 * worker in a plain field and completions in a {@link SplitCounter}, and the worker reads the completions only when
 * its last reading leaves no room: one counter both threads updated for every event cost a cache-line transfer
 * between the cores each time. The network thread, which acknowledges every delivered event, owns the split
 * counters for deliveries; failures, which are rare, count atomically on whatever thread reports them.
 *
 * <p>Send latency is timed on one event in {@value #SEND_LATENCY_SAMPLING}: the clock reads alone were 8% of the
 * network thread's samples in {@code ./llmwatch bench agent}, and each batch the producer sends carries dozens of
 * timed events, so the percentiles and the maximum still describe every batch.
 */
final class InFlight {

    /** One event in this many has its send latency timed; a power of two. */
    static final int SEND_LATENCY_SAMPLING = 8;

    private final long budgetBytes;
    private final ExportCounters counters;
    /** Whether an event the producer gives back may be spooled again; without a spool it has failed. */
    private final boolean spoolsGivenBack;
    private final Runnable onSettled;
    /** Bytes of every event handed over; only the worker writes or reads it. */
    private long handedOverBytes;
    /** Events handed over so far, for choosing the ones whose latency is timed; only the worker uses it. */
    private long handedOver;
    /** Bytes of every handed-over event whose delivery ended, however it ended. */
    private final SplitCounter settledBytes = new SplitCounter();
    /** {@link #settledBytes} as the worker last read it; it only lags, so room judged by it is never too much. */
    private long settledBytesSeen;
    private final SplitCounter finished = new SplitCounter();
    /** The thread that acknowledged the first delivered event: the producer's network thread, owner of the split counters. */
    private final AtomicReference<Thread> ackThread = new AtomicReference<>();
    private final Queue<GivenBack> givenBack = new ConcurrentLinkedQueue<>();

    InFlight(long budgetBytes, ExportCounters counters, boolean spoolsGivenBack, Runnable onSettled) {
        this.budgetBytes = budgetBytes;
        this.counters = counters;
        this.spoolsGivenBack = spoolsGivenBack;
        this.onSettled = onSettled;
    }

    /** Whether {@code event} fits in the budget; an event larger than the whole budget fits when nothing else is in flight. */
    boolean hasRoomFor(EncodedEvent event) {
        if (fits(event)) {
            return true;
        }
        settledBytesSeen = settledBytes.sum();
        return fits(event);
    }

    boolean isEmpty() {
        settledBytesSeen = settledBytes.sum();
        return handedOverBytes == settledBytesSeen;
    }

    private boolean fits(EncodedEvent event) {
        long held = handedOverBytes - settledBytesSeen;
        return held == 0 || held + event.sizeInBytes() <= budgetBytes;
    }

    /**
     * Sends {@code event}; {@code settlement} is called when its delivery ends for good.
     *
     * @return false if the producer could not take it yet (no partition metadata, no buffer): the caller
     *         keeps the event and tries again later; nothing was counted
     */
    boolean handOver(Producer<String, byte[]> producer, EncodedEvent event, Settlement settlement) {
        Delivery delivery = new Delivery(event, settlement, (handedOver++ & (SEND_LATENCY_SAMPLING - 1)) == 0);
        handedOverBytes += delivery.sizeInBytes;
        if (delivery.send(producer)) {
            return true;
        }
        handedOverBytes -= delivery.sizeInBytes;
        return false;
    }

    /** Counts an event that ended before reaching the producer: it could not be encoded, or it was dropped. */
    void finishedUnsent() {
        finished.add(1, false);
    }

    /** Events whose delivery ended for good: sent, failed or dropped. */
    long finished() {
        return finished.sum();
    }

    /** Events the producer gave back with a retriable error (at a forced close, say), to be spooled again. */
    List<GivenBack> takeGivenBack() {
        List<GivenBack> taken = new ArrayList<>();
        for (GivenBack event = givenBack.poll(); event != null; event = givenBack.poll()) {
            taken.add(event);
        }
        return taken;
    }

    /** An event to spool again; its {@code settlement} is due once the copy is spooled. */
    record GivenBack(EncodedEvent event, Settlement settlement) {
    }

    /** Whether {@code current} owns the split counters; the first thread to acknowledge a delivery becomes their owner. */
    private boolean isAckThread(Thread current) {
        Thread owner = ackThread.get();
        return owner == current || owner == null && ackThread.compareAndSet(null, current);
    }

    /** The producer's callback for one event. */
    private final class Delivery implements Callback {

        private final EncodedEvent event;
        /**
         * Measured by the worker, which has just encoded the event: the network thread completes deliveries
         * long after, and reading the value's length there would fetch a cold cache line per event.
         */
        private final int sizeInBytes;
        private final Settlement settlement;
        private final Thread sendingThread = Thread.currentThread();
        private final boolean timed;
        /** When it was handed over, if its latency is timed. */
        private final long handedOverAtNanos;
        /** Worker-thread state, only read when the callback runs inside {@code send} on the worker. */
        private boolean insideSend;
        private boolean refusedForNow;

        Delivery(EncodedEvent event, Settlement settlement, boolean timed) {
            this.event = event;
            this.sizeInBytes = event.sizeInBytes();
            this.settlement = settlement;
            this.timed = timed;
            this.handedOverAtNanos = timed ? System.nanoTime() : 0;
        }

        boolean send(Producer<String, byte[]> producer) {
            insideSend = true;
            try {
                producer.send(new ProducerRecord<>(event.topic(), event.key(), event.value()), this);
            } catch (RuntimeException e) {
                // Refused outright (the producer is closed, say): the same as a failure reported later.
                complete(e);
            } finally {
                insideSend = false;
            }
            return !refusedForNow;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            if (insideSend && Thread.currentThread() == sendingThread && error instanceof RetriableException) {
                // With max.block.ms=0 the producer answers at once when it lacks metadata or buffer space.
                refusedForNow = true;
                counters.problem("Kafka cannot take events yet: " + error.getMessage());
                return;
            }
            complete(error);
        }

        private void complete(Exception error) {
            if (error == null) {
                delivered();
            } else {
                settledBytes.add(sizeInBytes, false);
                if (spoolsGivenBack && error instanceof RetriableException) {
                    givenBack.add(new GivenBack(event, settlement));
                } else {
                    counters.failed(error.toString());
                    settlement.settle();
                    finished.add(1, false);
                }
            }
            onSettled.run();
        }

        private void delivered() {
            boolean onAckThread = isAckThread(Thread.currentThread());
            settledBytes.add(sizeInBytes, onAckThread);
            if (timed) {
                counters.sendLatency(System.nanoTime() - handedOverAtNanos);
            }
            counters.sent(onAckThread);
            settlement.settle();
            finished.add(1, onAckThread);
        }
    }
}
