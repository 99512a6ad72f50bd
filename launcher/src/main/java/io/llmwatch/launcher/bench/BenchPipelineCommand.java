package io.llmwatch.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ./llmwatch bench pipeline [--events N] --json}. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Pre-load spans on an embedded broker and measure a passthrough, a bare windowed count and "
                + "the full llmwatch topology over the same input.")
public final class BenchPipelineCommand implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "1000000", description = "Spans to pre-load (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated spans (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the result as one JSON object (the default is the same JSON, pretty).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PipelineBenchResult result = new PipelineBenchmark(events, seed).run();
        ObjectMapper mapper = new ObjectMapper();
        spec.commandLine().getOut().println(json
                ? mapper.writeValueAsString(result.toJson())
                : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result.toJson()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
