package io.llmwatch.processor.trace;

import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.schemas.span.SpanEvent;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

import java.util.Objects;
import java.util.Optional;

/**
 * Adds each span to its trace in the {@value TraceStores#TRACES} store and keeps the user index
 * pointing at the trace's start. Spans are keyed by trace id on the input topic, so every span of a
 * trace reaches the same task and no repartition is needed.
 */
final class TraceAssemblyProcessor implements Processor<String, SpanEvent, Void, Void> {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final SpanCostCalculator pricing;
    private final int maxSpansPerTrace;
    private WindowStore<String, CollectedTrace> traces;
    private WindowStore<String, String> tracesByUser;

    TraceAssemblyProcessor(SpanCostCalculator pricing, TraceSettings settings) {
        this.pricing = pricing;
        this.maxSpansPerTrace = settings.maxSpansPerTrace();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        traces = context.getStateStore(TraceStores.TRACES);
        tracesByUser = context.getStateStore(TraceStores.TRACES_BY_USER);
    }

    @Override
    public void process(Record<String, SpanEvent> record) {
        SpanEvent span = record.value();
        if (span == null) {
            return;
        }
        String traceId = span.getTraceId();
        String user = blankToNull(span.getAttribution().getUser());
        TraceSpan node = TraceSpan.of(span, pricing);
        Optional<KeyValue<Long, CollectedTrace>> existing = TraceStores.find(traces, traceId);

        CollectedTrace updated = existing
                .map(found -> found.value.with(node, user, maxSpansPerTrace))
                .orElseGet(() -> CollectedTrace.first(traceId, user, node));
        // The entry keeps the time its first span arrived, so retention counts from then.
        long firstSeen = existing.map(found -> found.key).orElse(record.timestamp());
        traces.put(traceId, updated, firstSeen);
        reindex(existing.map(found -> found.value), updated);
    }

    /** A trace's start moves earlier when its root span, which ends last, finally arrives. */
    private void reindex(Optional<CollectedTrace> before, CollectedTrace after) {
        if (after.user() == null) {
            return;
        }
        long startedMillis = after.startUnixNano() / NANOS_PER_MILLI;
        String key = TraceStores.userKey(after.user(), after.traceId());
        if (before.isPresent() && Objects.equals(before.get().user(), after.user())) {
            long indexedMillis = before.get().startUnixNano() / NANOS_PER_MILLI;
            if (indexedMillis == startedMillis) {
                return;
            }
            tracesByUser.put(key, null, indexedMillis);
        }
        tracesByUser.put(key, after.traceId(), startedMillis);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
