package io.llmwatch.processor.topology;

import io.llmwatch.processor.cost.PricedSpan;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.detection.DetectionTopology;
import io.llmwatch.processor.detection.RecentAlertsProcessor;
import io.llmwatch.processor.pricing.updates.PriceBook;
import io.llmwatch.processor.pricing.updates.PriceUpdateProcessor;
import io.llmwatch.processor.prompt.PromptVersionAnalytics;
import io.llmwatch.processor.trace.TraceAssembly;
import io.llmwatch.processor.trace.TraceSettings;
import io.llmwatch.schemas.feedback.FeedbackEvent;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

import java.time.Clock;

/**
 * The llmwatch topology, built by one pure method that {@code main} and every test call. Each part
 * adds itself to the builder from the one spans source:
 *
 * <p><b>The priced streams.</b> Spans are priced exactly once, right after the source, into
 * {@link PricedSpan} values ({@code SpanEvent span, CostSample cost}; in-memory only, never serialized):
 * <ul>
 *   <li>{@code pricedSpans}: {@code KStream<String, PricedSpan>}, every span, keyed by trace id; {@code cost}
 *       is {@code null} for spans that called no model (tool calls, agent steps);</li>
 *   <li>{@code pricedCalls}: {@code KStream<String, PricedSpan>}, model calls only, keyed by trace id;
 *       {@code cost} is never {@code null} and {@code cost.priced()} is false for a model without a price.</li>
 * </ul>
 * Every part after the source reads one of them, so pricing, the costliest step per span, is done once
 * and every part agrees on a span's cost. Detection reads {@code pricedCalls}.
 *
 * <pre>
 * prices ─► global store ─► the price book every instance prices with
 * spans ─► price ─► pricedSpans / pricedCalls
 *       ─► {@link CostAttribution}: attribute per dimension, pre-aggregated per task, windowed aggregates
 *       ─► {@link DetectionTopology}: cost, budget, quality, drift, latency and error detectors ─► alerts
 *       ─► {@link TraceAssembly}: spans of a trace gathered into one tree (stores traces, traces-by-user)
 *       ─► {@link PromptVersionAnalytics}: per prompt version statistics, feedback credited via traces (store prompt-versions)
 *          and quality per window (stores prompt-quality-{window})
 * feedback ─► {@link PromptVersionAnalytics} and {@link DetectionTopology}, both through the trace store
 * alerts ─► recent alerts (store alerts-recent)
 * </pre>
 *
 * Every operator, store and internal topic is named, so the application can be upgraded without
 * its state being orphaned by a renumbering.
 */
public final class LlmWatchTopology {

    public static final String RECENT_ALERTS_STORE = "alerts-recent";
    public static final String PRICES_STORE = "prices";

    private LlmWatchTopology() {
    }

    public static Topology build(TopologySettings settings, SpanCostCalculator pricing, Clock clock) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, SpanEvent> spans = builder.stream(Topics.SPANS.name(),
                Consumed.with(Topics.SPANS.keySerde(), Topics.SPANS.valueSerde())
                        .withTimestampExtractor(new SpanEventTimeExtractor())
                        .withName("spans"));

        KStream<String, FeedbackEvent> feedback = builder.stream(Topics.FEEDBACK.name(),
                Consumed.with(Topics.FEEDBACK.keySerde(), Topics.FEEDBACK.valueSerde()).withName("feedback"));

        addPriceUpdates(builder, pricing.prices());
        // Priced once, here; every part reads this pricing (see the class comment).
        KStream<String, PricedSpan> pricedSpans = spans
                .filter((traceId, span) -> span != null, Named.as("present-spans"))
                .mapValues(span -> PricedSpan.of(span, pricing), Named.as("price"));
        KStream<String, PricedSpan> pricedCalls = pricedSpans
                .filter((traceId, priced) -> priced.isModelCall(), Named.as("model-calls"));

        CostAttribution.addTo(builder, pricedCalls, settings);
        TraceAssembly.addTo(builder, pricedSpans, TraceSettings.DEFAULTS);
        // A topic can be a source only once per topology: the one feedback stream serves prompt analytics and detection.
        PromptVersionAnalytics.addTo(builder, pricedCalls, feedback, TraceSettings.DEFAULTS.retention(), settings.windows());
        DetectionTopology.addTo(builder, pricedCalls, feedback, TraceSettings.DEFAULTS.retention(), settings.detection(), clock);
        addRecentAlerts(builder, settings);
        return builder.build();
    }

    /** Operator prices: a global store, so every instance prices every partition with every override. */
    private static void addPriceUpdates(StreamsBuilder builder, PriceBook prices) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PRICES_STORE),
                        Topics.PRICES.keySerde(), Topics.PRICES.valueSerde()).withLoggingDisabled(),
                Topics.PRICES.name(),
                Consumed.with(Topics.PRICES.keySerde(), Topics.PRICES.valueSerde()).withName("prices"),
                () -> new PriceUpdateProcessor(PRICES_STORE, prices));
    }

    private static void addRecentAlerts(StreamsBuilder builder, TopologySettings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RECENT_ALERTS_STORE),
                Serdes.String(), Topics.ALERTS.valueSerde()));
        builder.stream(Topics.ALERTS.name(), Consumed.with(Topics.ALERTS.keySerde(), Topics.ALERTS.valueSerde())
                        .withName("alerts"))
                .process(() -> new RecentAlertsProcessor(RECENT_ALERTS_STORE, settings.recentAlertsKept()),
                        Named.as("recent-alerts"), RECENT_ALERTS_STORE);
    }
}
