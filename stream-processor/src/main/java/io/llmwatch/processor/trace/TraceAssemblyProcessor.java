package io.llmwatch.processor.trace;

import io.llmwatch.processor.cost.PricedSpan;
import io.llmwatch.schemas.span.SpanEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

import java.util.Objects;

/**
 * Adds each span to its trace in the {@value TraceStores#TRACES} store and keeps the user index
 * pointing at the trace's start. Spans are keyed by trace id on the input topic, so every span of a
 * trace reaches the same task and no repartition is needed.
 *
 * <p>Per span: the trace comes from {@link RecentTraces} when the task touched it lately, else from one
 * point lookup per {@link TraceSlots slot} around the span's time (all of them for a new trace); then
 * one put of the trace, and an index write only when the trace's user or start changed. Both stores
 * {@link io.llmwatch.processor.state.WriteBehindWindowStore write behind}, so a put is a map write until the task commits.
 */
final class TraceAssemblyProcessor implements Processor<String, PricedSpan, Void, Void> {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final int maxSpansPerTrace;
    private final long retentionMillis;
    private final long storeRetentionMillis;
    private final TraceSlots slots;
    private final RecentTraces recent;
    private ProcessorContext<Void, Void> context;
    private WindowStore<String, CollectedTrace> traces;
    private WindowStore<String, String> tracesByUser;

    TraceAssemblyProcessor(TraceSettings settings) {
        this.maxSpansPerTrace = settings.maxSpansPerTrace();
        this.retentionMillis = settings.retention().toMillis();
        this.slots = TraceSlots.of(settings.retention());
        this.storeRetentionMillis = slots.storeRetention(settings.retention()).toMillis();
        this.recent = new RecentTraces(settings.recentSpansPerTask());
    }

    /** Also called again when Kafka Streams revives the task after wiping its state, so the cache starts empty. */
    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        traces = context.getStateStore(TraceStores.TRACES);
        tracesByUser = context.getStateStore(TraceStores.TRACES_BY_USER);
        recent.clear();
    }

    @Override
    public void process(Record<String, PricedSpan> record) {
        SpanEvent span = record.value().span();
        String traceId = span.getTraceId();
        String user = blankToNull(span.getAttribution().getUser());
        TraceSpan node = TraceSpan.of(record.value());
        RecentTraces.Stored existing = existing(traceId, record.timestamp());

        CollectedTrace updated = existing == null
                ? CollectedTrace.first(traceId, user, node)
                : existing.trace().with(node, user, maxSpansPerTrace);
        // The entry stays in the slot its first span arrived in, so retention counts from then.
        long slot = existing == null ? slots.slotOf(record.timestamp()) : existing.slot();
        traces.put(traceId, updated, slot);
        recent.put(slot, updated);
        reindex(existing == null ? null : existing.trace(), updated);
    }

    /**
     * The trace if its first span arrived within the retention of this span's time. No slot can be
     * later than stream time (every entry was written at or before a record's time, and stream time
     * survives restarts), so in-order spans look only backwards. A recent trace counts only when the
     * store lookup would find it too: in a slot of that range whose segment the store cannot have
     * dropped yet.
     */
    private RecentTraces.Stored existing(String traceId, long eventTime) {
        long streamTime = context.currentStreamTimeMs();
        long from = eventTime - retentionMillis;
        long to = Math.min(eventTime + retentionMillis, Math.max(eventTime, streamTime));
        RecentTraces.Stored cached = recent.get(traceId);
        if (cached != null && cached.slot() >= slots.slotOf(from) && cached.slot() <= to
                && cached.slot() >= streamTime - storeRetentionMillis) {
            return cached;
        }
        return TraceStores.find(traces, traceId, slots, from, to)
                .map(found -> new RecentTraces.Stored(found.key, found.value))
                .orElse(null);
    }

    /** A trace's start moves earlier when its root span, which ends last, finally arrives. */
    private void reindex(CollectedTrace before, CollectedTrace after) {
        if (after.user() == null) {
            return;
        }
        long startedMillis = after.startUnixNano() / NANOS_PER_MILLI;
        String key = TraceStores.userKey(after.user(), after.traceId());
        if (before != null && Objects.equals(before.user(), after.user())) {
            long indexedMillis = before.startUnixNano() / NANOS_PER_MILLI;
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
