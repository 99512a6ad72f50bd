package io.llmwatch.launcher.bench;

import io.llmwatch.launcher.command.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code ./llmwatch bench agent}: the agent's throughput, its cost to the caller, and a broker outage, in one run. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Measure the ingest agent on an embedded broker, in one run:",
                "- events/s delivered, against a plain KafkaProducer sending as many",
                "  pre-serialized records of the agent's sizes;",
                "- record() p50, p99 and p99.9 meanwhile;",
                "- the longest record() while the broker is stopped and restarted,",
                "  with every event counted on the topic afterwards.",
                "Exits 1 if a goal is missed."})
public final class AgentBenchCommand implements Callable<Integer> {

    /**
     * Per round. With 200,000 the measured rounds still ran while the JIT was compiling the in-process
     * broker, and they reported the compiler's share of two cores rather than the agent's steady state
     * (the agent then seemed 30% slower than it is). A million keeps the whole run under a minute and a half.
     */
    static final int DEFAULT_EVENTS = 1_000_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
    boolean json;

    @Option(names = "--events", paramLabel = "N", defaultValue = "" + DEFAULT_EVENTS,
            description = "Events in the throughput measurement (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--outage", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "How long the broker stays stopped (default: ${DEFAULT-VALUE}).")
    Duration outage;

    @Override
    public Integer call() throws Exception {
        if (events <= 0) {
            throw new IllegalArgumentException("--events must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        // Progress goes to stderr, so --json leaves stdout to the result alone.
        AgentBenchReport report = new AgentBench(events, outage, spec.commandLine().getErr()).run();
        out.println(json ? report.toJson() : report.toText());
        out.flush();
        return report.goalsMet() ? 0 : 1;
    }
}
