package io.llmwatch.launcher.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.processor.detection.budget.BudgetBook;
import io.llmwatch.processor.detection.signal.SignalRouting;
import io.llmwatch.schemas.budget.BudgetEntry;
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
import java.util.concurrent.Callable;

/**
 * {@code ./llmwatch budgets set|delete|list}: spending caps per key on the compacted {@code llmwatch.budgets.v1}
 * topic. Running processors apply them without a restart, alert at 80% and 100% of a cap, and answer
 * {@code GET /api/budgets/{key}} with what is left.
 */
@Command(name = "budgets", mixinStandardHelpOptions = true,
        description = "Manage hourly and daily spending caps per feature, user, tenant, model or globally.",
        subcommands = {BudgetsCommand.Set.class, BudgetsCommand.Delete.class, BudgetsCommand.ListBudgets.class})
public final class BudgetsCommand {

    private static final String KEY_DESCRIPTION = "dimension|value, e.g. tenant|acme, feature|support-chat, "
            + "user|u-42, model|gpt-4o, or global|all for the whole deployment.";

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set (or replace) the caps of a key, in USD; give --hourly, --daily or both.")
    static final class Set implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Option(names = "--key", required = true, description = KEY_DESCRIPTION)
        String key;

        @Option(names = "--hourly", paramLabel = "USD", description = "Cap per clock hour (UTC), e.g. 5 or 2.50.")
        String hourlyCapUsd;

        @Option(names = "--daily", paramLabel = "USD", description = "Cap per UTC day, e.g. 100.")
        String dailyCapUsd;

        @Option(names = "--updated-by", defaultValue = "${sys:user.name}", description = "Who set it (default: ${DEFAULT-VALUE}).")
        String updatedBy;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            BudgetEntry entry = entry(System.currentTimeMillis());
            budgets(kafka, "budgets set").put(entry.getKey(), entry);
            spec.commandLine().getOut().println("set " + entry.getKey());
            return 0;
        }

        /** The entry to publish; throws {@link IllegalArgumentException} saying what is wrong before anything is sent. */
        BudgetEntry entry(long nowMillis) {
            BudgetEntry entry = BudgetEntry.newBuilder()
                    .setKey(checkedKey(key))
                    .setHourlyCapUsd(hourlyCapUsd)
                    .setDailyCapUsd(dailyCapUsd)
                    .setUpdatedBy(updatedBy)
                    .setUpdatedAtMillis(nowMillis)
                    .build();
            try {
                BudgetBook.definition(entry);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a cap is a USD amount such as 5 or 2.50; got --hourly "
                        + hourlyCapUsd + " --daily " + dailyCapUsd, e);
            }
            return entry;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Remove the published budget of a key (a compaction tombstone); a budget configured at the "
                    + "processor's start applies again.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Option(names = "--key", required = true, description = KEY_DESCRIPTION)
        String key;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            budgets(kafka, "budgets delete").put(checkedKey(key), null);
            spec.commandLine().getOut().println("deleted " + key);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print every published budget, one JSON object per line (GET /api/budgets on a processor "
                    + "also shows the budgets configured at its start).")
    static final class ListBudgets implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ObjectMapper json = new ObjectMapper();
            budgets(kafka, "budgets list").readAll().values().forEach(entry -> {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("key", entry.getKey());
                line.put("hourlyCapUsd", entry.getHourlyCapUsd());
                line.put("dailyCapUsd", entry.getDailyCapUsd());
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

    /** A key no spend is tracked for would take a budget that can never be reached: refuse it instead. */
    private static String checkedKey(String key) {
        if (!SignalRouting.tracksSpendOf(key)) {
            throw new IllegalArgumentException("no spend is tracked for '" + key + "': a budget key is one of "
                    + SignalRouting.spendKeyForms());
        }
        return key;
    }

    private static CompactedTopicClient<BudgetEntry> budgets(KafkaOptions kafka, String command) {
        return new CompactedTopicClient<>(Topics.BUDGETS, kafka, command);
    }
}
