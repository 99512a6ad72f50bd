package io.llmwatch.launcher;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class LlmWatchCliTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = LlmWatchCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        cli.execute(args);
        return out.toString();
    }

    @Test
    void helpListsEveryCommand() {
        String help = run("--help");

        assertThat(help).contains("demo", "up", "processor", "sink", "simulate", "cost");
    }

    @Test
    void demoHelpDocumentsItsOptions() {
        assertThat(run("demo", "--help")).contains("--duration", "--http-port", "--data-dir", "--rate");
    }

    @Test
    void rolesThatNeedAClusterRefuseToRunWithoutOne() {
        CommandLine cli = LlmWatchCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        int exitCode = cli.execute("processor");

        assertThat(exitCode).isNotZero();
        assertThat(err.toString()).contains("processor needs --bootstrap-servers");
    }
}
