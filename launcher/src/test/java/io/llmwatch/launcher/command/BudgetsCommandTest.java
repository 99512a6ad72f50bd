package io.llmwatch.launcher.command;

import io.llmwatch.launcher.LlmWatchCli;
import io.llmwatch.schemas.budget.BudgetEntry;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code ./llmwatch budgets set} makes of its options, and what it refuses before reaching Kafka. */
class BudgetsCommandTest {

    /** Nothing listens there: a refused budget must be refused before any connection is tried. */
    private static final String NO_BROKER = "127.0.0.1:1";

    @Test
    void setBuildsAnEntryWithBothCapsAsExactDecimals() {
        BudgetsCommand.Set set = parse("--key", "tenant|acme", "--hourly", "2.50", "--daily", "40", "--updated-by", "alice");

        BudgetEntry entry = set.entry(1_700_000_000_000L);

        assertThat(entry.getKey()).isEqualTo("tenant|acme");
        assertThat(entry.getHourlyCapUsd()).isEqualTo("2.50");
        assertThat(entry.getDailyCapUsd()).isEqualTo("40");
        assertThat(entry.getUpdatedBy()).isEqualTo("alice");
        assertThat(entry.getUpdatedAtMillis()).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void aSingleCapLeavesTheOtherUnset() {
        BudgetEntry entry = parse("--key", "global|all", "--daily", "100").entry(0);

        assertThat(entry.getHourlyCapUsd()).isNull();
        assertThat(entry.getDailyCapUsd()).isEqualTo("100");
    }

    @Test
    void refusesABudgetThatCapsNothing() {
        assertThatThrownBy(() -> parse("--key", "feature|search").entry(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("caps nothing");
    }

    @Test
    void refusesACapThatIsNotAPositiveAmount() {
        assertThatThrownBy(() -> parse("--key", "user|u-1", "--hourly", "5$").entry(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("USD amount").hasMessageContaining("5$");
        assertThatThrownBy(() -> parse("--key", "user|u-1", "--daily", "0").entry(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not positive");
    }

    @Test
    void refusesAKeyWhoseSpendIsNotTracked() {
        assertThatThrownBy(() -> parse("--key", "provider|openai", "--daily", "10").entry(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provider|openai").hasMessageContaining("tenant|VALUE").hasMessageContaining("global|all");
        assertThatThrownBy(() -> parse("--key", "tenant|", "--daily", "10").entry(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCliSaysWhatIsWrongInOneLineAndExitsWithAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = LlmWatchCli.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("budgets", "set", "--key", "tenant|acme", "--hourly", "-1", "--bootstrap-servers", NO_BROKER);

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).startsWith("llmwatch set: budget tenant|acme has a cap that is not positive: -1");
    }

    @Test
    void deleteRefusesAnUntrackedKeyToo() {
        StringWriter err = new StringWriter();
        CommandLine cli = LlmWatchCli.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("budgets", "delete", "--key", "acme", "--bootstrap-servers", NO_BROKER);

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("no spend is tracked for 'acme'");
    }

    private static BudgetsCommand.Set parse(String... args) {
        CommandLine cli = LlmWatchCli.commandLine();
        String[] full = new String[args.length + 2];
        full[0] = "budgets";
        full[1] = "set";
        System.arraycopy(args, 0, full, 2, args.length);
        return cli.parseArgs(full).subcommand().subcommand().commandSpec().commandLine().getCommand();
    }
}
