package io.llmwatch.launcher.bench;

import io.llmwatch.launcher.command.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code ./llmwatch bench soak}: hours-of-traffic behaviour in one run, restarts included. Not for CI. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Run steady span traffic through an embedded broker and a processor for --duration,",
                "restarting the broker at 1/3 and the processor at 2/3, and report:",
                "- heap after warm-up (warm_up_s: the first quarter of --duration) and at",
                "  the end, each after a full GC; the processor's bounded caches take",
                "  minutes at the default rate to fill, so use 20m or more;",
                "- the maximum consumer lag of the processor;",
                "- cost lost or counted twice (attributed totals against the exact cost of every span sent);",
                "- alerts fired.",
                "Exits 1 if the heap grew by more than 20 %% or any cost was lost or duplicated."})
public final class SoakCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", defaultValue = "30m", converter = DurationConverter.class,
            description = "How long the traffic runs (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--rate", paramLabel = "SPANS_PER_S", defaultValue = "200",
            description = "Spans per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (rate <= 0 || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--rate and --duration must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        // Progress goes to stderr, so --json leaves stdout to the result alone.
        SoakReport report = new Soak(duration, rate, spec.commandLine().getErr()).run();
        out.println(json ? report.toJson() : report.toText());
        out.flush();
        return report.goalsMet() ? 0 : 1;
    }
}
