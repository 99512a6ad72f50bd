package io.llmwatch.processor.trace;

import io.llmwatch.processor.cost.PricedSpan;
import io.llmwatch.processor.serde.InternalSerdes;
import io.llmwatch.processor.state.WriteBehindStores;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;

/**
 * Trace assembly: the spans of one agent run gathered into one trace, queryable by trace id and by
 * user and time.
 *
 * <pre>
 * priced spans (keyed by trace id) ─► assemble-traces ─► store traces          (trace id → spans, at its slot)
 *                                             └─► store traces-by-user  (user|trace id at the trace's start)
 * </pre>
 *
 * No repartition: the spans topic is already keyed by trace id.
 */
public final class TraceAssembly {

    private static final Serde<CollectedTrace> TRACE_SERDE = InternalSerdes.COLLECTED_TRACE;
    /** Entries are points in time; the stores are windowed only for their time index and retention. */
    private static final Duration POINT = Duration.ofMillis(1);

    private TraceAssembly() {
    }

    public static void addTo(StreamsBuilder builder, KStream<String, PricedSpan> pricedSpans, TraceSettings settings) {
        Duration retention = settings.retention();
        builder.addStateStore(timeIndexedStore(TraceStores.TRACES, TraceSlots.of(retention).storeRetention(retention), TRACE_SERDE));
        builder.addStateStore(timeIndexedStore(TraceStores.TRACES_BY_USER, retention, Serdes.String()));
        pricedSpans.process(() -> new TraceAssemblyProcessor(settings), Named.as("assemble-traces"),
                TraceStores.TRACES, TraceStores.TRACES_BY_USER);
    }

    private static <V> StoreBuilder<WindowStore<String, V>> timeIndexedStore(String name, Duration retention,
                                                                             Serde<V> values) {
        // Write-behind folds the rewrites of a trace that gains spans within one commit into one changelog
        // record, serialised once, where the record cache would serialise the whole trace at every span.
        return WriteBehindStores.windowStoreBuilder(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(name, retention, POINT, false), Serdes.String(), values));
    }
}
