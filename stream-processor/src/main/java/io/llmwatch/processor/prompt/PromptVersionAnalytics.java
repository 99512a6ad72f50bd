package io.llmwatch.processor.prompt;

import io.llmwatch.processor.batching.Batch;
import io.llmwatch.processor.batching.KeyedBatcher;
import io.llmwatch.processor.cost.PricedSpan;
import io.llmwatch.processor.serde.InternalSerdes;
import io.llmwatch.processor.state.PreCommitHook;
import io.llmwatch.processor.state.WriteBehindStores;
import io.llmwatch.processor.topology.WindowSpec;
import io.llmwatch.processor.trace.TraceStores;
import io.llmwatch.schemas.feedback.FeedbackEvent;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.List;

/**
 * Prompt version analytics: per version of each prompt template, calls, latency, tokens, cost and
 * quality since the version was first used, and its quality window by window.
 *
 * <pre>
 * priced model calls with a prompt ─────────────────────────────────┐
 * feedback ─► credited to the versions of the scored trace (store traces) ─┴► batched per prompt name, every second
 *                                and before every commit (hook prompt-pending-observations) ─► repartition by prompt name
 *       ├─► prompt-version-stats (store prompt-versions: name@version → statistics)
 *       └─► prompt-quality (stores prompt-quality-{window}: name@version and window → quality scores)
 * </pre>
 *
 * Keying by the prompt's name, not by name and version, keeps all versions of a prompt on one
 * partition: comparing them is a lookup routed to one instance rather than a fan-out.
 */
public final class PromptVersionAnalytics {

    public static final String STORE = "prompt-versions";
    private static final String PENDING_STORE = "prompt-pending-observations";
    /** Prompt analytics are read by people: a second behind is fine, and it keeps one record per version a second. */
    public static final Duration BATCH_INTERVAL = Duration.ofSeconds(1);
    private static final String QUALITY_STORE_PREFIX = "prompt-quality-";
    private static final char SEPARATOR = '@';

    private PromptVersionAnalytics() {
    }

    /**
     * @param feedback    scores keyed by trace id; credited through the trace store, so {@link
     *                    io.llmwatch.processor.trace.TraceAssembly} must be part of the same topology
     * @param traceRetention how long traces are kept, so how late feedback can still be credited
     * @param windows     the window sizes quality over time is kept in, as cost attribution's
     */
    public static void addTo(StreamsBuilder builder, KStream<String, PricedSpan> pricedCalls,
                             KStream<String, FeedbackEvent> feedback, Duration traceRetention, List<WindowSpec> windows) {
        KStream<String, PromptObservation> scores = feedback
                .process(() -> new FeedbackCreditProcessor(traceRetention), Named.as("prompt-feedback-credit"),
                        TraceStores.TRACES);
        addStatistics(builder, promptCalls(pricedCalls).merge(scores, Named.as("prompt-observations")), windows);
    }

    private static KStream<String, PromptObservation> promptCalls(KStream<String, PricedSpan> pricedCalls) {
        return pricedCalls
                .filter((traceId, call) -> call.span().getPrompt() != null, Named.as("prompted-model-calls"))
                .mapValues(call -> (PromptObservation) PromptCall.of(call.span(), call.cost()), Named.as("prompt-calls"));
    }

    private static void addStatistics(StreamsBuilder builder, KStream<String, PromptObservation> observations,
                                      List<WindowSpec> windows) {
        // Write-behind: a version's statistics change with each of its calls and are serialised once per commit.
        builder.addStateStore(WriteBehindStores.keyValueStoreBuilder(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), InternalSerdes.PROMPT_VERSION_STATS)));
        windows.forEach(window -> builder.addStateStore(WriteBehindStores.windowStoreBuilder(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(qualityStore(window), window.retention(), window.size(), false),
                Serdes.String(), InternalSerdes.QUALITY_TALLY))));
        // Most calls of a prompt name arrive close together: batched per name and second, they cross the
        // repartition as one record per name instead of one per call.
        builder.addStateStore(PreCommitHook.builder(PENDING_STORE));
        KStream<String, Batch<PromptObservation>> byPromptName = observations
                .process(() -> new KeyedBatcher<PromptObservation>(PENDING_STORE, BATCH_INTERVAL,
                        (key, observation) -> List.of(KeyValue.pair(observation.name(), observation))),
                        Named.as("prompt-observation-batches"), PENDING_STORE)
                .repartition(Repartitioned.with(Serdes.String(), InternalSerdes.PROMPT_OBSERVATIONS)
                        .withName("prompt-observation-batches-by-prompt-name"));
        byPromptName.process(PromptVersionStatsProcessor::new, Named.as("prompt-version-stats"), STORE);
        // The same task as the statistics, so a prompt's versions and their quality over time are on one instance.
        byPromptName.process(() -> new PromptQualityProcessor(windows), Named.as("prompt-quality"),
                windows.stream().map(PromptVersionAnalytics::qualityStore).toArray(String[]::new));
    }

    /** Name of the window store of every prompt version's quality scores per window of this size. */
    public static String qualityStore(WindowSpec window) {
        return QUALITY_STORE_PREFIX + window.label();
    }

    static String key(String name, String version) {
        return name + SEPARATOR + version;
    }

    /** Every key of the prompt's versions starts with this. */
    static String keyPrefix(String name) {
        return name + SEPARATOR;
    }
}
