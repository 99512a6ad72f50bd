package io.llmwatch.processor.topology;

import io.llmwatch.processor.cost.CostAggregate;
import io.llmwatch.processor.cost.CostSample;
import io.llmwatch.processor.cost.Dimension;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.detection.CostSpikeProcessor;
import io.llmwatch.processor.detection.CostSpikeState;
import io.llmwatch.processor.serde.JsonSerde;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Clock;
import java.util.Arrays;

/**
 * Cost attribution and the cost detectors:
 *
 * <pre>
 * spans ─► LLM calls only ─► price ─► one sample per dimension ─► repartition by dimension|value
 *            ├─► windowed aggregates per window size (store cost-by-dimension-{label})
 *            ├─► samples those aggregates refuse as late ─► late topic
 *            └─► feature keys ─► cost-spike detector ─► alerts topic
 * </pre>
 */
final class CostAttribution {

    static final String COST_SPIKE_STORE = "cost-spike-feature";

    private static final Serde<CostSample> SAMPLE_SERDE = new JsonSerde<>(CostSample.class);
    private static final Serde<CostAggregate> AGGREGATE_SERDE = new JsonSerde<>(CostAggregate.class);

    private CostAttribution() {
    }

    static void addTo(KStream<String, SpanEvent> spans, StreamsBuilder builder, TopologySettings settings,
                      SpanCostCalculator pricing, Clock clock) {
        KStream<String, CostSample> samplesByDimension = spans
                .filter((traceId, span) -> SpanCostCalculator.isModelCall(span), Named.as("model-calls"))
                .mapValues(pricing::cost, Named.as("price"))
                .flatMap((traceId, sample) -> Arrays.stream(Dimension.values())
                        .map(dimension -> KeyValue.pair(dimension.keyOf(sample), sample))
                        .toList(), Named.as("attribute-to-dimensions"))
                .repartition(Repartitioned.with(Serdes.String(), SAMPLE_SERDE).withName("samples-by-dimension"));

        for (WindowSpec window : settings.windows()) {
            samplesByDimension
                    .groupByKey(Grouped.with("cost-group-" + window.label(), Serdes.String(), SAMPLE_SERDE))
                    .windowedBy(TimeWindows.ofSizeAndGrace(window.size(), window.grace()))
                    .aggregate(() -> CostAggregate.EMPTY, (key, sample, total) -> total.plus(sample),
                            Named.as("cost-aggregate-" + window.label()),
                            Materialized.<String, CostAggregate, WindowStore<Bytes, byte[]>>as(window.storeName())
                                    .withKeySerde(Serdes.String())
                                    .withValueSerde(AGGREGATE_SERDE)
                                    .withRetention(window.retention()));
        }

        samplesByDimension
                .process(() -> new LateSampleRouter(settings.windows()), Named.as("late-samples"))
                .to(Topics.LATE.name(), Produced.with(Serdes.String(), SAMPLE_SERDE).withName("late-samples-sink"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COST_SPIKE_STORE),
                Serdes.String(), new JsonSerde<>(CostSpikeState.class)));
        samplesByDimension
                .filter((key, sample) -> key.startsWith(Dimension.FEATURE.firstKey()), Named.as("feature-samples"))
                .process(() -> new CostSpikeProcessor(COST_SPIKE_STORE, Dimension.FEATURE, settings.costSpike(), clock),
                        Named.as("cost-spike-detector"), COST_SPIKE_STORE)
                .to(Topics.ALERTS.name(), Produced.with(Topics.ALERTS.keySerde(), Topics.ALERTS.valueSerde())
                        .withName("alerts-sink"));
    }
}
