package io.llmwatch.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.launcher.command.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code ./llmwatch bench alerts [--rate 100] [--duration 60s] --json}. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Measure alert delivery on an embedded broker: alerts produced at a steady rate, two sink instances",
                "delivering to a local HTTP endpoint, one of them restarted halfway. Prints alerts_per_s, delivery",
                "p50/p90/p99/max (alert handed to Kafka -> HTTP request received), lost and duplicates.",
                "Exits 1 if a goal is missed (p99 <= 500 ms, nothing lost, nothing duplicated)."})
public final class AlertBenchCommand implements Callable<Integer> {

    @Option(names = "--rate", defaultValue = "100", description = "Alerts per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long to produce (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--json", description = "Print the result as one JSON object (the default is the same JSON, pretty).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(rate > 0) || duration.toSeconds() < 2) {
            throw new IllegalArgumentException("--rate must be positive and --duration at least 2s");
        }
        AlertBenchResult result = new AlertBench(rate, duration, spec.commandLine().getErr()).run();
        ObjectMapper mapper = new ObjectMapper();
        spec.commandLine().getOut().println(json
                ? mapper.writeValueAsString(result.toJson())
                : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result.toJson()));
        spec.commandLine().getOut().flush();
        return result.goalsMet() ? 0 : 1;
    }
}
