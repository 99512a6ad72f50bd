package io.llmwatch.processor.query;

import io.llmwatch.processor.cost.CostAggregate;
import io.llmwatch.processor.cost.Money;
import io.llmwatch.processor.topology.LlmWatchTopology;
import io.llmwatch.schemas.alert.AlertEvent;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/** Reads this instance's state stores. Stores of other instances are reached through the REST API. */
public final class LocalStateQueries {

    private final KafkaStreams streams;

    public LocalStateQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Cost rows of the query, newest window first, then most expensive first. */
    public List<CostRow> cost(CostQuery query) {
        ReadOnlyWindowStore<String, CostAggregate> store = streams.store(StoreQueryParameters.fromNameAndType(
                query.window().storeName(), QueryableStoreTypes.windowStore()));
        List<CostRow> rows = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, CostAggregate> windows = store.fetch(
                query.dimension().firstKey(), query.dimension().afterLastKey(), query.from(), query.to())) {
            while (windows.hasNext()) {
                KeyValue<Windowed<String>, CostAggregate> entry = windows.next();
                if (entry.key.key().startsWith(query.dimension().firstKey())) {
                    rows.add(toRow(query, entry.key, entry.value));
                }
            }
        }
        rows.sort(NEWEST_THEN_MOST_EXPENSIVE);
        return rows;
    }

    /** The newest {@code limit} alerts of this instance that pass {@code filter}, newest first. */
    public List<AlertEvent> recentAlerts(int limit, Predicate<AlertEvent> filter) {
        ReadOnlyKeyValueStore<String, AlertEvent> store = streams.store(StoreQueryParameters.fromNameAndType(
                LlmWatchTopology.RECENT_ALERTS_STORE, QueryableStoreTypes.keyValueStore()));
        List<AlertEvent> alerts = new ArrayList<>(limit);
        try (KeyValueIterator<String, AlertEvent> newestFirst = store.all()) {
            while (newestFirst.hasNext() && alerts.size() < limit) {
                AlertEvent alert = newestFirst.next().value;
                if (filter.test(alert)) {
                    alerts.add(alert);
                }
            }
        }
        return alerts;
    }

    /**
     * This instance's {@code n} most expensive keys of the query's window. Each key lives on one
     * instance, so the cluster's top n are among the union of every instance's top n.
     */
    public List<CostRow> top(TopCostQuery query) {
        ReadOnlyWindowStore<String, CostAggregate> store = streams.store(StoreQueryParameters.fromNameAndType(
                query.window().storeName(), QueryableStoreTypes.windowStore()));
        PriorityQueue<CostRow> cheapestFirst = new PriorityQueue<>(MOST_EXPENSIVE.reversed());
        CostQuery window = new CostQuery(query.dimension(), query.window(), query.windowStart(), query.windowStart());
        try (KeyValueIterator<Windowed<String>, CostAggregate> windows = store.fetch(query.dimension().firstKey(),
                query.dimension().afterLastKey(), query.windowStart(), query.windowStart())) {
            while (windows.hasNext()) {
                KeyValue<Windowed<String>, CostAggregate> entry = windows.next();
                if (entry.key.key().startsWith(query.dimension().firstKey())) {
                    cheapestFirst.add(toRow(window, entry.key, entry.value));
                    if (cheapestFirst.size() > query.n()) {
                        cheapestFirst.poll();
                    }
                }
            }
        }
        List<CostRow> rows = new ArrayList<>(cheapestFirst);
        rows.sort(MOST_EXPENSIVE);
        return rows;
    }

    /** Most expensive first; equal costs in key order, so every instance ranks ties alike. */
    public static final Comparator<CostRow> MOST_EXPENSIVE = Comparator
            .comparing((CostRow row) -> new BigDecimal(row.costUsd()), Comparator.reverseOrder())
            .thenComparing(CostRow::key);

    public static final Comparator<CostRow> NEWEST_THEN_MOST_EXPENSIVE = Comparator
            .comparing(CostRow::windowStart).reversed()
            .thenComparing((CostRow row) -> new BigDecimal(row.costUsd()), Comparator.reverseOrder())
            .thenComparing(CostRow::key);

    private static CostRow toRow(CostQuery query, Windowed<String> window, CostAggregate total) {
        List<String> parts = query.dimension().parts(query.dimension().valueOfKey(window.key()));
        return new CostRow(String.join("|", parts), parts,
                window.window().startTime().toString(), window.window().endTime().toString(),
                Money.format(total.costUsd()), total.calls(), total.unpricedCalls(), total.errors(),
                total.inputTokens(), total.outputTokens(), total.cacheReadTokens(),
                total.latency().quantile(0.5), total.latency().quantile(0.95), total.latency().quantile(0.99));
    }
}
