package io.llmwatch.agent.export;

import io.llmwatch.schemas.topic.Topic;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.Producer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded queue drained by one daemon worker into Kafka: the agent's equivalent of OpenTelemetry's
 * {@code BatchSpanProcessor}. Application threads only {@link #offer}: a non-blocking insert and a counter
 * increment, with no I/O; the queue's lock is held for the insert alone, never across I/O. When the queue
 * is full the newest event is dropped and counted, because slowing the application down would be worse
 * than losing telemetry.
 */
public final class ExportPipeline {

    private static final String WORKER_THREAD_NAME = "llmwatch-export";

    private final BlockingQueue<OutboundRecord<?>> queue;
    private final ExportCounters counters;
    private final ExportWorker worker;
    private final Thread workerThread;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Built once: under overload this is the message of every drop, and the hot path must not allocate it. */
    private final String queueFullProblem;

    private ExportPipeline(BlockingQueue<OutboundRecord<?>> queue, int queueCapacity, ExportCounters counters, ExportWorker worker) {
        this.queue = queue;
        this.counters = counters;
        this.worker = worker;
        this.queueFullProblem = "the export queue is full (" + queueCapacity + " events); Kafka is slow or unreachable";
        this.workerThread = new Thread(worker, WORKER_THREAD_NAME);
        // Telemetry must never keep the application's JVM alive.
        this.workerThread.setDaemon(true);
    }

    /**
     * Starts the worker, which takes ownership of {@code producer}.
     *
     * @param topics        every topic events will go to; their metadata is fetched before the first send
     * @param writerSchemas the schemas this process writes, announced on the schema topic at start
     */
    public static ExportPipeline start(Producer<String, byte[]> producer, int queueCapacity,
                                       List<Topic<String, ?>> topics, List<Schema> writerSchemas) {
        BlockingQueue<OutboundRecord<?>> queue = new ArrayBlockingQueue<>(queueCapacity);
        ExportCounters counters = new ExportCounters(queue, queueCapacity);
        DropWarning dropWarning = new DropWarning(counters, DropWarning.DEFAULT_INTERVAL, System.nanoTime());
        List<SchemaAnnouncement> announcements = writerSchemas.stream().map(SchemaAnnouncement::new).toList();
        ExportPipeline pipeline = new ExportPipeline(queue, queueCapacity, counters,
                new ExportWorker(queue, producer, counters, dropWarning, topics, announcements));
        pipeline.workerThread.start();
        return pipeline;
    }

    /** Queues {@code event} if there is room and the pipeline is open; never blocks, never throws. */
    public boolean offer(OutboundRecord<?> event) {
        if (closed.get()) {
            counters.dropped(DropReason.CLOSED, "recorded after close");
            return false;
        }
        if (queue.offer(event)) {
            counters.accepted();
            return true;
        }
        counters.dropped(DropReason.QUEUE_FULL, queueFullProblem);
        return false;
    }

    /** Counts an event the caller refused before offering it, with what was wrong for the periodic warning. */
    public void reject(DropReason reason, String problem) {
        counters.dropped(reason, problem);
    }

    /**
     * Waits until every event accepted before this call has been acknowledged by the broker or has failed.
     *
     * @return false if that did not happen within {@code timeout}
     */
    public boolean flush(Duration timeout) {
        if (closed.get()) {
            return awaitWorker(timeout);
        }
        return await(worker.requestFlush(), timeout);
    }

    /**
     * Stops accepting events, sends what is queued, closes the producer and stops the worker, all
     * within {@code timeout}. Calling it again only waits for the first close to finish.
     *
     * @return false if the worker had not finished within {@code timeout}
     */
    public boolean close(Duration timeout) {
        if (closed.compareAndSet(false, true)) {
            worker.requestClose(System.nanoTime() + timeout.toNanos());
        }
        return awaitWorker(timeout);
    }

    public AgentCounters counters() {
        return counters.snapshot();
    }

    private boolean awaitWorker(Duration timeout) {
        try {
            // Thread.join(0) would wait forever.
            workerThread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !workerThread.isAlive();
    }

    private static boolean await(CompletableFuture<Void> request, Duration timeout) {
        try {
            request.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
