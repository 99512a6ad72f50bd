package io.llmwatch.agent.export;

import io.llmwatch.schemas.topic.Topic;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that talks to Kafka. It owns the producer: warms its metadata, announces the writer
 * schemas, then moves events from the queue to the producer, encoding each on this thread, and serves
 * flush and close requests between events.
 */
final class ExportWorker implements Runnable {

    /** How long an idle worker waits for an event before it looks at flush requests and the drop warning. */
    static final Duration IDLE_WAKE_UP = Duration.ofMillis(20);

    private static final Logger LOG = LoggerFactory.getLogger(ExportWorker.class);

    private final BlockingQueue<OutboundRecord<?>> queue;
    private final Producer<String, byte[]> producer;
    private final ExportCounters counters;
    private final DropWarning dropWarning;
    private final List<Topic<String, ?>> topics;
    private final List<SchemaAnnouncement> announcements;
    private final Queue<CompletableFuture<Void>> flushRequests = new ConcurrentLinkedQueue<>();
    private volatile boolean closeRequested;
    private volatile long closeDeadlineNanos;

    ExportWorker(BlockingQueue<OutboundRecord<?>> queue, Producer<String, byte[]> producer, ExportCounters counters,
                 DropWarning dropWarning, List<Topic<String, ?>> topics, List<SchemaAnnouncement> announcements) {
        this.queue = queue;
        this.producer = producer;
        this.counters = counters;
        this.dropWarning = dropWarning;
        this.topics = List.copyOf(topics);
        this.announcements = List.copyOf(announcements);
    }

    /** Completes once every event queued before this call has been acknowledged or has failed. */
    CompletableFuture<Void> requestFlush() {
        CompletableFuture<Void> request = new CompletableFuture<>();
        flushRequests.add(request);
        return request;
    }

    /** Asks the worker to send what is queued, close the producer by {@code deadlineNanos} and stop. */
    void requestClose(long deadlineNanos) {
        closeDeadlineNanos = deadlineNanos;
        closeRequested = true;
    }

    @Override
    public void run() {
        try {
            warmUp();
            while (!closeRequested) {
                OutboundRecord<?> next = queue.poll(IDLE_WAKE_UP.toNanos(), TimeUnit.NANOSECONDS);
                if (next != null) {
                    export(next);
                }
                if (!flushRequests.isEmpty()) {
                    flush();
                }
                dropWarning.reportIfDue(System.nanoTime());
            }
            drainQueue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeProducer();
            // Closing the producer sent or failed everything it held, which is what a pending flush waits for.
            takeFlushRequests().forEach(request -> request.complete(null));
        }
    }

    /**
     * Fetches partition metadata for every topic before the first send, so {@code send} does not stop
     * to wait for it; then announces the writer schemas ahead of the events that use them.
     */
    private void warmUp() {
        for (Topic<String, ?> topic : topics) {
            if (closeRequested) {
                return;
            }
            try {
                producer.partitionsFor(topic.name());
            } catch (RuntimeException e) {
                LOG.warn("No metadata for {} yet ({}); the first sends to it will wait for the broker", topic, e.toString());
            }
        }
        for (SchemaAnnouncement announcement : announcements) {
            send(announcement, (metadata, error) -> {
                if (error != null) {
                    LOG.warn("Could not publish writer schema {} to {}: {}", announcement.key(), announcement.topic(), error.toString());
                }
            });
        }
    }

    private void export(OutboundRecord<?> event) {
        send(event, (metadata, error) -> {
            if (error == null) {
                counters.sent();
            } else {
                counters.failed(error.toString());
            }
        });
    }

    private void send(OutboundRecord<?> event, Callback callback) {
        try {
            producer.send(encode(event), callback);
        } catch (RuntimeException e) {
            // Building or encoding the value failed, or the producer refused the record outright.
            callback.onCompletion(null, e);
        }
    }

    private static <V> ProducerRecord<String, byte[]> encode(OutboundRecord<V> event) {
        Topic<String, V> topic = event.topic();
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), event.value());
        return new ProducerRecord<>(topic.name(), event.key(), value);
    }

    private void flush() {
        List<CompletableFuture<Void>> requests = takeFlushRequests();
        drainQueue();
        try {
            producer.flush();
        } catch (RuntimeException e) {
            LOG.warn("Flushing the llmwatch producer failed: {}", e.toString());
        }
        requests.forEach(request -> request.complete(null));
    }

    private void drainQueue() {
        for (OutboundRecord<?> event = queue.poll(); event != null; event = queue.poll()) {
            export(event);
        }
    }

    private void closeProducer() {
        try {
            producer.close(Duration.ofNanos(Math.max(0, closeDeadlineNanos - System.nanoTime())));
        } catch (RuntimeException e) {
            LOG.warn("Closing the llmwatch producer failed: {}", e.toString());
        }
    }

    private List<CompletableFuture<Void>> takeFlushRequests() {
        List<CompletableFuture<Void>> requests = new ArrayList<>();
        for (CompletableFuture<Void> request = flushRequests.poll(); request != null; request = flushRequests.poll()) {
            requests.add(request);
        }
        return requests;
    }
}
