package io.llmwatch.processor.detection.feedback;

import io.llmwatch.processor.cost.CostSample;
import io.llmwatch.processor.detection.signal.CallSignal;
import io.llmwatch.processor.detection.signal.NamedScore;
import io.llmwatch.processor.trace.CollectedTrace;
import io.llmwatch.processor.trace.TraceSpan;
import io.llmwatch.processor.trace.TraceStores;
import io.llmwatch.schemas.feedback.FeedbackEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Joins a feedback event to the call it scores by trace id, through the trace store, however late within the
 * traces' retention, and forwards that call as a signal carrying the one score. A trace with several model calls is
 * credited through its newest one, the answer a user saw. Feedback for a trace the store does not hold (too late, or
 * ahead of its spans) cannot be attributed to a model and is counted and logged, once a minute at most.
 *
 * <p>The trace store already keeps every span of a trace, so detection keeps no memory of its own: remembering each
 * call again cost a store write per call, for the few calls that are ever scored.
 */
public final class FeedbackJoinProcessor implements Processor<String, FeedbackEvent, String, CallSignal> {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackJoinProcessor.class);
    private static final long LOG_INTERVAL_MILLIS = Duration.ofMinutes(1).toMillis();
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final Duration traceRetention;
    private long unmatched;
    private long lastLogMillis;
    private ProcessorContext<String, CallSignal> context;
    private WindowStore<String, CollectedTrace> traces;

    /** @param traceRetention how long traces are kept, so how far from the feedback's time its trace can be */
    public FeedbackJoinProcessor(Duration traceRetention) {
        this.traceRetention = traceRetention;
    }

    @Override
    public void init(ProcessorContext<String, CallSignal> context) {
        this.context = context;
        this.traces = context.getStateStore(TraceStores.TRACES);
    }

    @Override
    public void process(Record<String, FeedbackEvent> record) {
        FeedbackEvent feedback = record.value();
        if (feedback == null || !Double.isFinite(feedback.getValue())) {
            return;
        }
        Optional<CallSignal> call = TraceStores.find(traces, feedback.getTraceId(), Instant.ofEpochMilli(record.timestamp()),
                        traceRetention)
                .flatMap(found -> newestCall(found.value));
        if (call.isEmpty()) {
            countUnmatched();
            return;
        }
        context.forward(new Record<>(record.key(), call.get().withFeedback(new NamedScore(feedback.getName(),
                feedback.getValue())), record.timestamp()));
    }

    /** The trace's newest model call (the only spans with a model), as much of a signal as quality is judged on. */
    private static Optional<CallSignal> newestCall(CollectedTrace trace) {
        return trace.spans().stream()
                .filter(span -> span.model() != null)
                .max(Comparator.comparingLong(TraceSpan::endUnixNano))
                .map(span -> new CallSignal(new CostSample(trace.traceId(), span.endUnixNano() / NANOS_PER_MILLI, null,
                        trace.user(), null, null, span.prompt(), null, span.model(), span.costUsd(), span.inputTokens(),
                        span.outputTokens(), 0, (span.endUnixNano() - span.startUnixNano()) / NANOS_PER_MILLI,
                        span.error() != null), span.promptName(), null, null, null, List.of(), false));
    }

    private void countUnmatched() {
        long count = ++unmatched;
        long now = System.currentTimeMillis();
        if (now - lastLogMillis >= LOG_INTERVAL_MILLIS) {
            lastLogMillis = now;
            LOG.warn("{} feedback events so far matched no model call of a stored trace (older than {} or ahead of their spans)",
                    count, traceRetention);
        }
    }
}
