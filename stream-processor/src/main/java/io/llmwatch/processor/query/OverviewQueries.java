package io.llmwatch.processor.query;

import io.llmwatch.processor.cost.CostAggregate;
import io.llmwatch.processor.cost.Dimension;
import io.llmwatch.processor.topology.WindowSpec;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads this instance's totals over all keys, window by window, for the dashboard's health row and charts. */
public final class OverviewQueries {

    /**
     * Every call is attributed to exactly one tenant (an unset one counts as {@link Dimension#UNSET}),
     * so the tenant aggregates of a window add up to everything in it, each call counted once.
     */
    private static final Dimension EVERY_CALL_ONCE = Dimension.TENANT;

    private final KafkaStreams streams;

    public OverviewQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    /** This instance's totals per window of {@code window} that starts within [from, to], oldest first. */
    public List<WindowTotal> windowTotals(WindowSpec window, Instant from, Instant to) {
        ReadOnlyWindowStore<String, CostAggregate> store = streams.store(StoreQueryParameters.fromNameAndType(
                window.storeName(), QueryableStoreTypes.windowStore()));
        Map<Long, WindowTotal> byStart = new TreeMap<>();
        try (KeyValueIterator<Windowed<String>, CostAggregate> windows = store.fetch(
                EVERY_CALL_ONCE.firstKey(), EVERY_CALL_ONCE.afterLastKey(), from, to)) {
            while (windows.hasNext()) {
                KeyValue<Windowed<String>, CostAggregate> entry = windows.next();
                if (entry.key.key().startsWith(EVERY_CALL_ONCE.firstKey())) {
                    WindowTotal total = new WindowTotal(entry.key.window().start(), entry.key.window().end(), entry.value);
                    byStart.merge(total.windowStartMillis(), total, WindowTotal::plus);
                }
            }
        }
        return new ArrayList<>(byStart.values());
    }
}
