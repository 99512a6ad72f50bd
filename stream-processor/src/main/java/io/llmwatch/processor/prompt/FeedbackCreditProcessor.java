package io.llmwatch.processor.prompt;

import io.llmwatch.processor.trace.CollectedTrace;
import io.llmwatch.processor.trace.TraceSpan;
import io.llmwatch.processor.trace.TraceStores;
import io.llmwatch.schemas.feedback.FeedbackEvent;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Credits a feedback score to the prompt versions that answered in the scored trace, found in the
 * trace store by trace id: feedback is keyed by trace id like the spans, so the trace is in this very
 * task, however many minutes (up to the traces' retention) after its spans the score arrives. A score
 * naming a span credits that span's version; a score of the whole trace credits each version used in
 * it once. Feedback whose trace is unknown (expired, or ahead of its spans) is counted in a metric.
 */
final class FeedbackCreditProcessor implements Processor<String, FeedbackEvent, String, PromptObservation> {

    private final Duration retention;
    private ProcessorContext<String, PromptObservation> context;
    private WindowStore<String, CollectedTrace> traces;
    private Sensor unmatched;

    /** @param retention how long traces are kept, so how far from the feedback's time a trace can be */
    FeedbackCreditProcessor(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, PromptObservation> context) {
        this.context = context;
        this.traces = context.getStateStore(TraceStores.TRACES);
        this.unmatched = context.metrics().addRateTotalSensor("llmwatch", "prompt-analytics", "unmatched-feedback",
                Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, FeedbackEvent> record) {
        FeedbackEvent feedback = record.value();
        if (feedback == null || !Double.isFinite(feedback.getValue())) {
            return;
        }
        Instant at = Instant.ofEpochMilli(record.timestamp());
        Optional<CollectedTrace> trace = TraceStores.find(traces, feedback.getTraceId(), at, retention)
                .map(found -> found.value);
        if (trace.isEmpty()) {
            unmatched.record();
            return;
        }
        versionsScored(trace.get(), feedback.getSpanId()).values().forEach(span -> context.forward(new Record<>(
                span.promptName(), new PromptFeedback(span.promptName(), PromptCall.versionOf(span.promptName(), span.prompt()),
                feedback.getValue()), record.timestamp())));
    }

    /** The scored span's version if it names a prompted call, else every version of the trace, once each. */
    private static Map<String, TraceSpan> versionsScored(CollectedTrace trace, String spanId) {
        List<TraceSpan> prompted = trace.spans().stream().filter(span -> span.promptName() != null).toList();
        List<TraceSpan> scored = prompted.stream().filter(span -> span.spanId().equals(spanId)).toList();
        Map<String, TraceSpan> byVersion = new LinkedHashMap<>();
        (scored.isEmpty() ? prompted : scored).forEach(span -> byVersion.putIfAbsent(span.prompt(), span));
        return byVersion;
    }
}
