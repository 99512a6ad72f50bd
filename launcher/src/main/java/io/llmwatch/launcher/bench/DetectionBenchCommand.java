package io.llmwatch.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.launcher.command.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code ./llmwatch bench detection [--rate N] [--seed S] [--warm-up 120s] --json}. */
@Command(name = "detection", mixinStandardHelpOptions = true,
        description = "Run the full topology on live seeded traffic, inject five incidents (cost spike, latency "
                + "regression, error burst, quality drop after a prompt change, token drift) and judge every alert.")
public final class DetectionBenchCommand implements Callable<Integer> {

    @Option(names = "--rate", defaultValue = "10000", description = "Background calls per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the traffic (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--warm-up", defaultValue = "120s", converter = DurationConverter.class,
            description = "Normal traffic before the first incident; the cost-anomaly detector needs 100 one-second "
                    + "buckets (default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--json", description = "Print the result as one JSON object (the default is the same JSON, pretty).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DetectionBenchResult result = new DetectionBenchmark(rate, seed, warmUp).run();
        ObjectMapper mapper = new ObjectMapper();
        spec.commandLine().getOut().println(json
                ? mapper.writeValueAsString(result.toJson())
                : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result.toJson()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
