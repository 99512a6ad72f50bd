package io.llmwatch.launcher;

import io.llmwatch.launcher.command.AgentCommand;
import io.llmwatch.launcher.command.BenchCommand;
import io.llmwatch.launcher.command.BudgetsCommand;
import io.llmwatch.launcher.command.CostCommand;
import io.llmwatch.launcher.command.DemoCommand;
import io.llmwatch.launcher.command.NabCommand;
import io.llmwatch.launcher.command.PricesCommand;
import io.llmwatch.launcher.command.ProcessorCommand;
import io.llmwatch.launcher.command.QueryCommand;
import io.llmwatch.launcher.command.SilencesCommand;
import io.llmwatch.launcher.command.SimulateCommand;
import io.llmwatch.launcher.command.SinkCommand;
import io.llmwatch.launcher.command.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.UncheckedIOException;

/** {@code ./llmwatch}: one command line for every role llmwatch plays. */
@Command(name = "llmwatch",
        mixinStandardHelpOptions = true,
        versionProvider = LlmWatchCli.Version.class,
        description = "Kafka-native observability for production LLM systems.",
        subcommands = {
                DemoCommand.class,
                UpCommand.class,
                AgentCommand.class,
                ProcessorCommand.class,
                SinkCommand.class,
                SilencesCommand.class,
                SimulateCommand.class,
                CostCommand.class,
                PricesCommand.class,
                BudgetsCommand.class,
                NabCommand.class,
                QueryCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class
        })
public final class LlmWatchCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command tree; tests drive it exactly as {@code main} does. */
    public static CommandLine commandLine() {
        return new CommandLine(new LlmWatchCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(LlmWatchCli::reportUsageError);
    }

    /** A mistake of the user's (bad option combination, unreachable file) is one line, not a stack trace. */
    private static int reportUsageError(Exception exception, CommandLine command, CommandLine.ParseResult parseResult)
            throws Exception {
        if (exception instanceof IllegalArgumentException || exception instanceof UncheckedIOException) {
            command.getErr().println("llmwatch " + command.getCommandName() + ": " + exception.getMessage());
            command.getErr().flush();
            return CommandLine.ExitCode.USAGE;
        }
        throw exception;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LlmWatchCli.class.getPackage().getImplementationVersion();
            return new String[] {"llmwatch " + (version == null ? "development build" : version)};
        }
    }
}
