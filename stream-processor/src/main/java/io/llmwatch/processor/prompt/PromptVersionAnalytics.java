package io.llmwatch.processor.prompt;

import io.llmwatch.processor.cost.PricedSpan;
import io.llmwatch.processor.serde.InternalSerdes;
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
 * priced model calls with a prompt ─► repartition by prompt name
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

    public static void addTo(StreamsBuilder builder, KStream<String, PricedSpan> pricedCalls) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Serdes.String(), InternalSerdes.PROMPT_VERSION_STATS).withCachingEnabled());
        pricedCalls.filter((traceId, call) -> call.span().getPrompt() != null, Named.as("prompted-model-calls"))
                .map((traceId, call) -> KeyValue.pair(call.span().getPrompt().getName(), PromptCall.of(call.span(), call.cost())),
                        Named.as("prompt-calls"))
                .repartition(Repartitioned.with(Serdes.String(), InternalSerdes.PROMPT_CALL)
                        .withName("prompt-calls-by-prompt-name"))
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
