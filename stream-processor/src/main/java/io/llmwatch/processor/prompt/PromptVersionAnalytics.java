package io.llmwatch.processor.prompt;

import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.serde.JsonSerde;
import io.llmwatch.schemas.span.SpanEvent;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Prompt version analytics: per version of each prompt template, calls, latency, tokens, cost and
 * quality since the version was first used.
 *
 * <pre>
 * spans ─► model calls with a prompt ─► price ─► repartition by prompt name
 *       ─► prompt-version-stats (store prompt-versions: name@version → statistics)
 * </pre>
 *
 * Keying by the prompt's name, not by name and version, keeps all versions of a prompt on one
 * partition: comparing them is a lookup routed to one instance rather than a fan-out.
 */
public final class PromptVersionAnalytics {

    public static final String STORE = "prompt-versions";
    private static final char SEPARATOR = '@';

    private PromptVersionAnalytics() {
    }

    public static void addTo(StreamsBuilder builder, KStream<String, SpanEvent> spans, SpanCostCalculator pricing) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Serdes.String(), new JsonSerde<>(PromptVersionStats.class)).withCachingEnabled());
        spans.filter((traceId, span) -> span.getPrompt() != null && SpanCostCalculator.isModelCall(span),
                        Named.as("prompted-model-calls"))
                .map((traceId, span) -> KeyValue.pair(span.getPrompt().getName(), PromptCall.of(span, pricing.cost(span))),
                        Named.as("price-prompt-calls"))
                .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(PromptCall.class))
                        .withName("prompt-calls-by-name"))
                .process(PromptVersionStatsProcessor::new, Named.as("prompt-version-stats"), STORE);
    }

    static String key(String name, String version) {
        return name + SEPARATOR + version;
    }

    /** Every key of the prompt's versions starts with this. */
    static String keyPrefix(String name) {
        return name + SEPARATOR;
    }
}
