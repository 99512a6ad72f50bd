package io.llmwatch.processor.detection;

import io.llmwatch.schemas.alert.AlertEvent;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Duration;

/**
 * Forwards one processor's alerts, keyed by dedup key and stamped {@link AlertFactory#decidedAt}, and gets them
 * committed promptly without letting an alert storm commit once per alert.
 *
 * <p>Under exactly-once an alert is visible only once its transaction commits, and waiting for the commit interval
 * would add up to that interval to every alert's latency, so the emitter asks Kafka Streams for a commit. But one
 * incident can move thousands of keys at once (every user of a feature whose prompts grew twelvefold), and a commit
 * requested per alert made the stream thread commit a transaction on every pass, which left it minutes behind its
 * input. So requests are spaced: the first alert after a quiet spell asks at once, and those that follow within
 * {@link #COMMIT_SPACING} are committed together by a wall-clock punctuation at most that much later.
 */
public final class AlertEmitter {

    /** Adds at most this much to an alert's latency during a storm; bounds the extra commits to a few per second. */
    public static final Duration COMMIT_SPACING = Duration.ofMillis(250);

    private final ProcessorContext<String, AlertEvent> context;
    private long lastRequestMillis;
    private boolean awaitingCommit;

    /** Call from {@code init}: it schedules the punctuation that commits alerts held back. */
    public AlertEmitter(ProcessorContext<String, AlertEvent> context) {
        this.context = context;
        this.lastRequestMillis = context.currentSystemTimeMs() - COMMIT_SPACING.toMillis();
        context.schedule(COMMIT_SPACING, PunctuationType.WALL_CLOCK_TIME, this::commitHeldBack);
    }

    public void emit(AlertEvent alert, Record<?, ?> trigger) {
        context.forward(new Record<>(alert.getDedupKey(), alert, AlertFactory.decidedAt(context, trigger)));
        long now = context.currentSystemTimeMs();
        if (now - lastRequestMillis >= COMMIT_SPACING.toMillis()) {
            requestCommit(now);
        } else {
            awaitingCommit = true;
        }
    }

    private void commitHeldBack(long now) {
        if (awaitingCommit) {
            requestCommit(now);
        }
    }

    private void requestCommit(long now) {
        context.commit();
        lastRequestMillis = now;
        awaitingCommit = false;
    }
}
