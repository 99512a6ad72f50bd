package io.llmwatch.processor.topology;

import io.llmwatch.processor.cost.CostAggregate;
import io.llmwatch.processor.cost.PricedSpan;
import io.llmwatch.processor.serde.InternalSerdes;
import io.llmwatch.processor.serde.JsonSerde;
import io.llmwatch.processor.state.PreCommitHook;
import io.llmwatch.processor.state.WriteBehindStores;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;

/**
 * Cost attribution (the cost detectors live in {@link io.llmwatch.processor.detection.DetectionTopology}):
 *
 * <pre>
 * priced model calls ─► partial aggregate per dimension|value, bucket and late windows, in memory within the task
 *                       (hook cost-partials), forwarded every second and before every commit
 *            ─► repartition cost-partials-by-dimension
 *            ─► windowed aggregates per window size (stores cost-by-dimension-{label})
 *            ─► partials a window refuses as late ─► late topic
 * </pre>
 *
 * Pre-aggregating before the repartition is what makes attribution cheap: a task's calls of one user
 * in one minute cross the network as one record, not one per call and dimension.
 */
final class CostAttribution {

    static final String PARTIALS_STORE = "cost-partials";
    /**
     * How often partials cross the repartition at the least; they also cross before every commit
     * ({@code StreamsConfiguration} commits every 500 ms), so cost views lag the spans by about a second.
     */
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

    private CostAttribution() {
    }

    static void addTo(StreamsBuilder builder, KStream<String, PricedSpan> pricedCalls, TopologySettings settings) {
        builder.addStateStore(PreCommitHook.builder(PARTIALS_STORE));
        KStream<String, CostAggregate> partialsByDimension = pricedCalls
                .process(() -> new DimensionPreAggregator(PARTIALS_STORE, bucket(settings), FLUSH_INTERVAL,
                                new LateWindows(settings.windows())),
                        Named.as("pre-aggregate-dimensions"), PARTIALS_STORE)
                .repartition(Repartitioned.with(Serdes.String(), InternalSerdes.COST_AGGREGATE)
                        .withName("cost-partials-by-dimension"));

        String[] windowStores = settings.windows().stream().map(WindowSpec::storeName).toArray(String[]::new);
        settings.windows().forEach(window -> builder.addStateStore(windowStore(window)));
        // Late contributions are rare and read by people re-counting them, so they stay JSON.
        partialsByDimension
                .process(() -> new CostWindowAggregator(settings.windows()), Named.as("cost-windows"), windowStores)
                .to(Topics.LATE.name(), Produced.with(Serdes.String(), new JsonSerde<>(CostAggregate.class))
                        .withName("late-samples-sink"));
    }

    /** Write-behind: a hot key's window changes with every partial and is serialised once per commit. */
    private static StoreBuilder<WindowStore<String, CostAggregate>> windowStore(WindowSpec window) {
        return WriteBehindStores.windowStoreBuilder(Stores.windowStoreBuilder(Stores.persistentWindowStore(
                window.storeName(), window.retention(), window.size(), false), Serdes.String(), InternalSerdes.COST_AGGREGATE));
    }

    /** The largest duration every window size is a multiple of: a partial of one bucket lies in one window of each size. */
    static Duration bucket(TopologySettings settings) {
        long millis = settings.windows().stream().mapToLong(window -> window.size().toMillis())
                .reduce(CostAttribution::greatestCommonDivisor).orElseThrow();
        return Duration.ofMillis(millis);
    }

    private static long greatestCommonDivisor(long a, long b) {
        return b == 0 ? a : greatestCommonDivisor(b, a % b);
    }
}
