package io.llmwatch.processor.detection;

import io.llmwatch.processor.batching.Batch;
import io.llmwatch.processor.batching.BatchSerde;
import io.llmwatch.processor.batching.KeyedBatcher;
import io.llmwatch.processor.cost.Dimension;
import io.llmwatch.processor.cost.PricedSpan;
import io.llmwatch.processor.detection.anomaly.CostAnomalyWatch;
import io.llmwatch.processor.detection.anomaly.CostWatchState;
import io.llmwatch.processor.detection.budget.BudgetState;
import io.llmwatch.processor.detection.budget.BudgetWatch;
import io.llmwatch.processor.detection.comparison.SeriesState;
import io.llmwatch.processor.detection.drift.DriftWatch;
import io.llmwatch.processor.detection.drift.PromptDriftDetector;
import io.llmwatch.processor.detection.drift.PromptDriftState;
import io.llmwatch.processor.detection.efficiency.EfficiencyWatch;
import io.llmwatch.processor.detection.efficiency.InefficientPromptState;
import io.llmwatch.processor.detection.feedback.FeedbackJoinProcessor;
import io.llmwatch.processor.detection.quality.PromptVersionQuality;
import io.llmwatch.processor.detection.quality.QualityWatch;
import io.llmwatch.processor.detection.quality.heuristic.HeuristicEvaluators;
import io.llmwatch.processor.detection.regression.TimingWatch;
import io.llmwatch.processor.detection.signal.CallSignal;
import io.llmwatch.processor.detection.signal.CallSignals;
import io.llmwatch.processor.detection.signal.SignalRoute;
import io.llmwatch.processor.detection.signal.CallSignalCodec;
import io.llmwatch.processor.detection.signal.SignalRouting;
import io.llmwatch.processor.detection.unpriced.UnpricedModelState;
import io.llmwatch.processor.detection.unpriced.UnpricedWatch;
import io.llmwatch.processor.serde.JsonSerde;
import io.llmwatch.processor.state.PreCommitHook;
import io.llmwatch.processor.state.WriteBehindStores;
import io.llmwatch.processor.trace.TraceStores;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.feedback.FeedbackEvent;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The detectors, wired as processors over state stores keyed by dimension:
 *
 * <pre>
 * priced model calls ─► call signal (agent + heuristic scores)
 * feedback ─► joined by trace id to the trace's newest model call (store traces) ─► a signal carrying the late score
 *   both ─► routed to every detector key (route#dimension|value), one batch per key, every 100 ms and before
 *           every commit (hook detection-pending-signals) ─► repartition detection-signal-batches
 *      ├─ cost#feature|…             ─► cost-spike rule                              (store cost-spike-feature)
 *      ├─ cost#{feature,user,tenant,model,global}|… ─► cost anomaly (NAB detector)   (store detection-cost-anomaly)
 *      │                                            ─► budgets, hourly and daily     (store detection-budgets)
 *      ├─ timing#{model,provider}|…  ─► latency, TTFT and error-rate regressions     (store detection-timing)
 *      ├─ quality#model|prompt       ─► quality degradation per version and score    (store detection-quality-by-prompt)
 *      ├─ prompt#name                ─► prompt drift (version change, over time)     (store detection-prompt-drift)
 *      │                             ─► inefficient prompt version                   (store detection-efficiency)
 *      └─ unpriced#model|…           ─► unpriced model, once per window              (store detection-unpriced)
 *   every verdict ─► alerts topic, keyed by dedup key
 * budgets topic (compacted) ─► global store budgets
 * </pre>
 */
public final class DetectionTopology {

    public static final String COST_SPIKE_STORE = "cost-spike-feature";
    public static final String COST_ANOMALY_STORE = "detection-cost-anomaly";
    public static final String BUDGET_SPEND_STORE = "detection-budgets";
    public static final String BUDGETS_STORE = "budgets";
    public static final String TIMING_STORE = "detection-timing";
    public static final String QUALITY_STORE = "detection-quality-by-prompt";
    public static final String DRIFT_STORE = "detection-prompt-drift";
    public static final String EFFICIENCY_STORE = "detection-efficiency";
    public static final String UNPRICED_STORE = "detection-unpriced";
    public static final String PENDING_SIGNALS_STORE = "detection-pending-signals";
    /** How long signals gather per detector key before they cross the repartition: see {@link KeyedBatcher}. */
    public static final Duration SIGNAL_BATCH_INTERVAL = Duration.ofMillis(100);

    private static final Serde<Batch<CallSignal>> BATCH_SERDE = new BatchSerde<>("CallSignal", new CallSignalCodec());

    private DetectionTopology() {
    }

    /**
     * @param pricedCalls    the model calls, priced once for the whole topology
     * @param feedback       the feedback events, keyed by trace id like the calls; joined to their calls through the
     *                       trace store, so {@link io.llmwatch.processor.trace.TraceAssembly} must be part of the same
     *                       topology
     * @param traceRetention how long traces are kept, so how late feedback can still be credited
     */
    public static void addTo(StreamsBuilder builder, KStream<String, PricedSpan> pricedCalls,
                             KStream<String, FeedbackEvent> feedback, Duration traceRetention, DetectionSettings settings,
                             Clock clock) {
        CallSignals signals = new CallSignals(HeuristicEvaluators.standard(settings.heuristics()));
        KStream<String, CallSignal> calls = pricedCalls
                .mapValues(priced -> signals.of(priced.span(), priced.cost()), Named.as("detection-signal"));
        KStream<String, CallSignal> lateScores = feedback
                .process(() -> new FeedbackJoinProcessor(traceRetention), Named.as("detection-feedback-join"),
                        TraceStores.TRACES);
        builder.addStateStore(PreCommitHook.builder(PENDING_SIGNALS_STORE));
        // A call counts for about nine detector keys and most of them (global, each feature, tenant, model,
        // provider, prompt) are hot: batched, the repartition carries one record per hot key and 100 ms.
        KStream<String, Batch<CallSignal>> routed = calls.merge(lateScores, Named.as("detection-scored-calls"))
                .process(() -> new KeyedBatcher<CallSignal>(PENDING_SIGNALS_STORE, SIGNAL_BATCH_INTERVAL,
                                (traceId, signal) -> SignalRouting.route(signal)), Named.as("detection-route"),
                        PENDING_SIGNALS_STORE)
                .repartition(Repartitioned.with(Serdes.String(), BATCH_SERDE).withName("detection-signal-batches"));

        addBudgets(builder);
        Detectors detectors = new Detectors(builder, routed, clock);
        KStream<String, AlertEvent> alerts = addCostSpike(builder, routed, settings, clock)
                .merge(detectors.run("cost-anomaly", COST_ANOMALY_STORE, SignalRoute.COST,
                        () -> new CostAnomalyWatch(settings.costAnomaly()), CostWatchState.class))
                .merge(detectors.run("budget", BUDGET_SPEND_STORE, SignalRoute.COST,
                        () -> new BudgetWatch(settings.budgets(), BUDGETS_STORE), BudgetState.class))
                .merge(detectors.run("timing", TIMING_STORE, SignalRoute.TIMING,
                        () -> new TimingWatch(settings.latency(), settings.errors()), SeriesState.class))
                .merge(detectors.run("quality", QUALITY_STORE, SignalRoute.QUALITY,
                        () -> new QualityWatch(settings.scoredQuality(), settings.heuristicQuality()), PromptVersionQuality.class))
                .merge(detectors.run("prompt-drift", DRIFT_STORE, SignalRoute.PROMPT,
                        () -> new DriftWatch(new PromptDriftDetector(settings.drift())), PromptDriftState.class))
                .merge(detectors.run("efficiency", EFFICIENCY_STORE, SignalRoute.PROMPT,
                        () -> new EfficiencyWatch(settings.efficiency()), InefficientPromptState.class))
                .merge(detectors.run("unpriced", UNPRICED_STORE, SignalRoute.UNPRICED,
                        () -> new UnpricedWatch(settings.unpricedWindow()), UnpricedModelState.class));
        alerts.to(Topics.ALERTS.name(), Produced.with(Topics.ALERTS.keySerde(), Topics.ALERTS.valueSerde())
                .withName("detection-alerts-sink"));
    }

    /**
     * Budgets from the compacted topic in a global store: any instance may own any key's spend. In memory: operators
     * set a handful of budgets, every call looks up five keys that mostly have none, and a RocksDB miss per lookup cost
     * more than the budget rule itself. A global store is rebuilt from its topic at every start anyway.
     */
    private static void addBudgets(StreamsBuilder builder) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BUDGETS_STORE),
                        Topics.BUDGETS.keySerde(), Topics.BUDGETS.valueSerde()).withLoggingDisabled(),
                Topics.BUDGETS.name(),
                Consumed.with(Topics.BUDGETS.keySerde(), Topics.BUDGETS.valueSerde()).withName("budgets"),
                () -> new BudgetUpdateProcessor(BUDGETS_STORE));
    }

    /**
     * A detector's states change with every signal of their key and hold hundreds of numbers each, so they stay
     * objects in memory and are serialised once per key and commit; being written before every commit, they
     * are as exact across a crash as the offsets they were built from.
     */
    private static <S> StoreBuilder<KeyValueStore<String, S>> detectorStore(String name, Class<S> stateType) {
        return WriteBehindStores.keyValueStoreBuilder(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name),
                Serdes.String(), new JsonSerde<>(stateType)));
    }

    private static KStream<String, AlertEvent> addCostSpike(StreamsBuilder builder, KStream<String, Batch<CallSignal>> routed,
                                                            DetectionSettings settings, Clock clock) {
        String featureKeys = SignalRoute.COST.key(Dimension.FEATURE.firstKey());
        builder.addStateStore(detectorStore(COST_SPIKE_STORE, CostSpikeState.class));
        return routed
                .filter((key, signal) -> key.startsWith(featureKeys), Named.as("cost-spike-features"))
                .flatMap((key, batch) -> batch.values().stream()
                                .map(signal -> KeyValue.pair(SignalRoute.COST.dimensionKey(key), signal.sample())).toList(),
                        Named.as("cost-spike-samples"))
                .process(() -> new CostSpikeProcessor(COST_SPIKE_STORE, Dimension.FEATURE, settings.costSpike(), clock),
                        Named.as("cost-spike-detector"), COST_SPIKE_STORE);
    }

    /** Adds one {@link DetectorProcessor} per detector, each over its route's signals and its own store. */
    private record Detectors(StreamsBuilder builder, KStream<String, Batch<CallSignal>> routed, Clock clock) {

        /** @param detector makes each task its own detector, since some keep per-task references (stores) */
        <S> KStream<String, AlertEvent> run(String name, String store, SignalRoute route,
                                            Supplier<KeyedDetector<S>> detector, Class<S> stateType) {
            builder.addStateStore(detectorStore(store, stateType));
            return routed
                    .filter((key, signal) -> route.routes(key), Named.as(name + "-signals"))
                    .process(() -> new DetectorProcessor<>(store, route, detector.get(), clock),
                            Named.as(name + "-detector"), store);
        }
    }
}
