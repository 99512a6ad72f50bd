package io.llmwatch.processor.trace;

import io.llmwatch.processor.cost.PricedSpan;
import io.llmwatch.schemas.span.SpanEvent;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Adds each span to its trace in the {@value TraceStores#TRACES} store and keeps the user index
 * pointing at the trace's start. Spans are keyed by trace id on the input topic, so every span of a
 * trace reaches the same task and no repartition is needed.
 */
final class TraceAssemblyProcessor implements Processor<String, PricedSpan, Void, Void> {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final int maxSpansPerTrace;
    private final Duration retention;
    private WindowStore<String, CollectedTrace> traces;
    private WindowStore<String, String> tracesByUser;

    TraceAssemblyProcessor(TraceSettings settings) {
        this.maxSpansPerTrace = settings.maxSpansPerTrace();
        this.retention = settings.retention();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        traces = context.getStateStore(TraceStores.TRACES);
        tracesByUser = context.getStateStore(TraceStores.TRACES_BY_USER);
    }

    @Override
    public void process(Record<String, PricedSpan> record) {
        SpanEvent span = record.value().span();
        String traceId = span.getTraceId();
        String user = blankToNull(span.getAttribution().getUser());
        TraceSpan node = TraceSpan.of(record.value());
        // A trace first seen more than the retention away from this span has expired anyway.
        Instant eventTime = Instant.ofEpochMilli(record.timestamp());
        Optional<KeyValue<Long, CollectedTrace>> existing = TraceStores.find(traces, traceId,
                eventTime.minus(retention), eventTime.plus(retention));

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
