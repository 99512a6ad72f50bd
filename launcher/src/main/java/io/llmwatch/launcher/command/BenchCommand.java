package io.llmwatch.launcher.command;

import io.llmwatch.launcher.bench.AgentBenchCommand;
import io.llmwatch.launcher.bench.AlertBenchCommand;
import io.llmwatch.launcher.bench.BenchPipelineCommand;
import io.llmwatch.launcher.bench.DetectionBenchCommand;
import io.llmwatch.launcher.bench.SoakCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./llmwatch bench <what>}: reproducible measurements of llmwatch's parts, each a subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure a part of llmwatch on an embedded broker and report the numbers.",
        subcommands = {
                AgentBenchCommand.class,
                BenchPipelineCommand.class,
                AlertBenchCommand.class,
                DetectionBenchCommand.class,
                SoakCommand.class
        })
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
