package io.llmwatch.agent.export;

import io.llmwatch.schemas.topic.Topic;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.Producer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded queue drained by one daemon worker into Kafka: the agent's equivalent of OpenTelemetry's
 * {@code BatchSpanProcessor}. Application threads only {@link #offer}: a lock-free insert, with no I/O and
 * no allocation. When the queue is full the newest event is dropped and counted, because slowing the
 * application down would be worse than losing telemetry. Behind the queue, the worker spills to the
 * spool (if configured) whatever Kafka cannot take; see {@link ExportWorker}.
 */
public final class ExportPipeline {

    private static final String WORKER_THREAD_NAME = "llmwatch-export";

    /**
     * The queue wakes a sleeping worker once it is this full; below that the worker comes by itself within
     * {@link ExportWorker#IDLE_WAKE_UP}, so a recording thread rarely pays for waking it.
     */
    private static final int WAKE_UP_FRACTION = 8;

    /**
     * The share of a close timeout kept for closing the producer and spooling what it gives back, after the
     * worker stops trying to deliver; so a close during an outage still finishes within its timeout.
     */
    private static final int SHUTDOWN_SHARE_OF_CLOSE = 10;

    private final ExportQueue queue;
    private final ExportCounters counters;
    private final ExportWorker worker;
    private final Thread workerThread;
    private final int wakeUpSize;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Built once: under overload this is the message of every drop, and the hot path must not allocate it. */
    private final String queueFullProblem;

    private ExportPipeline(ExportQueue queue, ExportCounters counters, ExportWorker worker) {
        this.queue = queue;
        this.counters = counters;
        this.worker = worker;
        this.wakeUpSize = Math.max(1, queue.capacity() / WAKE_UP_FRACTION);
        this.queueFullProblem = "the export queue is full (" + queue.capacity() + " events); Kafka is slow or unreachable";
        this.workerThread = new Thread(worker, WORKER_THREAD_NAME);
        // Telemetry must never keep the application's JVM alive.
        this.workerThread.setDaemon(true);
    }

    /**
     * Starts the worker, which takes ownership of {@code producer} and of the spool, if any.
     *
     * @param topics        every topic events will go to; their metadata is fetched before the first send
     * @param writerSchemas the schemas this process writes, announced on the schema topic at start
     */
    public static ExportPipeline start(Producer<String, byte[]> producer, ExportBuffers buffers,
                                       List<Topic<String, ?>> topics, List<Schema> writerSchemas) {
        ExportQueue queue = new ExportQueue(buffers.queueCapacity());
        ExportCounters counters = new ExportCounters(queue, buffers.spool().orElse(null));
        DropWarning dropWarning = new DropWarning(counters, DropWarning.DEFAULT_INTERVAL, System.nanoTime());
        List<SchemaAnnouncement> announcements = writerSchemas.stream().map(SchemaAnnouncement::new).toList();
        ExportPipeline pipeline = new ExportPipeline(queue, counters,
                new ExportWorker(queue, producer, counters, buffers, dropWarning, topics, announcements));
        pipeline.workerThread.start();
        return pipeline;
    }

    /** Queues {@code event} if there is room and the pipeline is open; never blocks, never throws. */
    public boolean offer(OutboundRecord<?> event) {
        if (closed.get()) {
            counters.dropped(DropReason.CLOSED, "recorded after close");
            return false;
        }
        int queued = queue.offer(event);
        if (queued >= 0) {
            // The estimate is cheap; the exact size costs a read of the worker's index, worth it only to wake it.
            if (queued >= wakeUpSize && worker.isAsleep() && queue.size() >= wakeUpSize) {
                worker.wake();
            }
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
     * Waits until as many events have finished (acknowledged by the broker, failed or dropped) as had been
     * accepted before this call, counting those waiting in the spool from an earlier run.
     *
     * @return false if that did not happen within {@code timeout}, e.g. because the broker is unreachable
     */
    public boolean flush(Duration timeout) {
        if (closed.get()) {
            return awaitWorker(timeout);
        }
        return await(worker.requestFlush(), timeout);
    }

    /**
     * Stops accepting events, keeps delivering what is queued, in the producer and in the spool for most of
     * {@code timeout}, then closes the producer (what it still holds goes to the spool, if any) and stops
     * the worker. Calling it again only waits for the first close to finish.
     *
     * @return false if the worker had not finished within {@code timeout}
     */
    public boolean close(Duration timeout) {
        if (closed.compareAndSet(false, true)) {
            long timeoutNanos = timeout.toNanos();
            worker.requestClose(System.nanoTime() + timeoutNanos - timeoutNanos / SHUTDOWN_SHARE_OF_CLOSE);
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

    private static boolean await(CompletableFuture<Boolean> request, Duration timeout) {
        try {
            return request.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
