package io.llmwatch.processor.detection.feedback;

import io.llmwatch.processor.detection.signal.CallSignal;
import io.llmwatch.processor.detection.signal.NamedScore;
import io.llmwatch.schemas.feedback.FeedbackEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Joins a feedback event to the call it scores by trace id, however late within the memory's retention, and
 * forwards that call as a signal carrying the one score. A trace with several model calls is credited through its
 * newest one, the answer a user saw. Feedback for a trace the memory does not hold (too late, or ahead of its
 * spans) cannot be attributed to a model and is counted and logged, once a minute at most.
 */
public final class FeedbackJoinProcessor implements Processor<String, FeedbackEvent, String, CallSignal> {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackJoinProcessor.class);
    private static final long LOG_INTERVAL_MILLIS = Duration.ofMinutes(1).toMillis();

    private final String storeName;
    private final Duration memory;
    private long unmatched;
    private long lastLogMillis;
    private ProcessorContext<String, CallSignal> context;
    private WindowStore<String, CallSignal> calls;

    public FeedbackJoinProcessor(String storeName, Duration memory) {
        this.storeName = storeName;
        this.memory = memory;
    }

    @Override
    public void init(ProcessorContext<String, CallSignal> context) {
        this.context = context;
        this.calls = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, FeedbackEvent> record) {
        FeedbackEvent feedback = record.value();
        if (feedback == null || !Double.isFinite(feedback.getValue())) {
            return;
        }
        CallSignal call = newestCall(feedback.getTraceId(), record.timestamp());
        if (call == null) {
            countUnmatched();
            return;
        }
        context.forward(new Record<>(record.key(), call.withFeedback(new NamedScore(feedback.getName(),
                feedback.getValue())), record.timestamp()));
    }

    private CallSignal newestCall(String traceId, long feedbackTimeMillis) {
        CallSignal newest = null;
        try (WindowStoreIterator<CallSignal> found = calls.fetch(traceId, feedbackTimeMillis - memory.toMillis(),
                feedbackTimeMillis + memory.toMillis())) {
            while (found.hasNext()) {
                newest = found.next().value;
            }
        }
        return newest;
    }

    private void countUnmatched() {
        long count = ++unmatched;
        long now = System.currentTimeMillis();
        if (now - lastLogMillis >= LOG_INTERVAL_MILLIS) {
            lastLogMillis = now;
            LOG.warn("{} feedback events so far matched no remembered call (older than {} or ahead of their spans)",
                    count, memory);
        }
    }
}
