package io.llmwatch.launcher.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.processor.pricing.updates.PriceBook;
import io.llmwatch.schemas.price.PriceEntry;
import io.llmwatch.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code ./llmwatch prices set|delete|list}: operator price overrides on the compacted
 * {@code llmwatch.prices.v1} topic. Running processors apply them without a restart, to spans whose
 * event time is at or after the override's effective instant.
 */
@Command(name = "prices", mixinStandardHelpOptions = true,
        description = "Manage operator price overrides and prices of models the catalogue lacks.",
        subcommands = {PricesCommand.Set.class, PricesCommand.Delete.class, PricesCommand.ListPrices.class})
public final class PricesCommand {

    /** Identifies one override: a model of a provider, from an instant on. */
    static final class OverrideKey {
        @Option(names = "--provider", required = true, description = "genai-prices provider id, e.g. openai.")
        String provider;

        @Option(names = "--model", required = true, description = "Model name as it appears in spans.")
        String model;

        @Option(names = "--from", required = true, paramLabel = "ISO-INSTANT",
                description = "Spans whose event time is at or after this instant use the price, e.g. 2026-12-01T00:00:00Z.")
        Instant effectiveFrom;

        String key() {
            return PriceBook.key(provider, model, effectiveFrom.toEpochMilli());
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set a price from an instant on. Prices are USD per genai-prices unit, "
                    + "e.g. --price input_mtok=2.5 --price output_mtok=10 (per million tokens).")
    static final class Set implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Mixin
        OverrideKey override;

        @Option(names = "--price", required = true, paramLabel = "UNIT=USD",
                description = "A price per unit: input_mtok, output_mtok, cache_read_mtok, cache_write_mtok, "
                        + "input_audio_mtok, output_audio_mtok, ...; repeatable.")
        Map<String, String> prices;

        @Option(names = "--request-price", paramLabel = "USD", description = "A flat price per request.")
        String requestPrice;

        @Option(names = "--updated-by", defaultValue = "${sys:user.name}", description = "Who set it (default: ${DEFAULT-VALUE}).")
        String updatedBy;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PriceEntry entry = PriceEntry.newBuilder()
                    .setProvider(override.provider)
                    .setModel(override.model)
                    .setEffectiveFromMillis(override.effectiveFrom.toEpochMilli())
                    .setPricesPerMillion(new TreeMap<>(prices))
                    .setRequestPriceUsd(requestPrice)
                    .setUpdatedBy(updatedBy)
                    .setUpdatedAtMillis(System.currentTimeMillis())
                    .build();
            PriceBook.validate(entry);
            overrides(kafka, "prices").put(override.key(), entry);
            spec.commandLine().getOut().println("set " + override.key());
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove one override (a compaction tombstone).")
    static final class Delete implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Mixin
        OverrideKey override;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            overrides(kafka, "prices").put(override.key(), null);
            spec.commandLine().getOut().println("deleted " + override.key());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print every override in force, one JSON object per line.")
    static final class ListPrices implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, PriceEntry> current = overrides(kafka, "prices list").readAll();
            PrintWriter out = spec.commandLine().getOut();
            ObjectMapper json = new ObjectMapper();
            current.forEach((key, entry) -> {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("key", key);
                line.put("provider", entry.getProvider());
                line.put("model", entry.getModel());
                line.put("from", Instant.ofEpochMilli(entry.getEffectiveFromMillis()).toString());
                line.put("prices", new TreeMap<>(entry.getPricesPerMillion()));
                line.put("requestPriceUsd", entry.getRequestPriceUsd());
                line.put("updatedBy", entry.getUpdatedBy());
                line.put("updatedAt", Instant.ofEpochMilli(entry.getUpdatedAtMillis()).toString());
                try {
                    out.println(json.writeValueAsString(line));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            });
            out.flush();
            return 0;
        }
    }

    private static CompactedTopicClient<PriceEntry> overrides(KafkaOptions kafka, String command) {
        return new CompactedTopicClient<>(Topics.PRICES, kafka, command);
    }
}
