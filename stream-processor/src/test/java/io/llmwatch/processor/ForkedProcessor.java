package io.llmwatch.processor;

import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.testing.ApiClient;
import io.llmwatch.processor.topology.TopologySettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A processor instance in a JVM of its own, so that a test can stop it the way a machine or the OOM
 * killer does: SIGKILL. Nothing of the instance runs after that, not a commit, not a flush, not a
 * leave-group request; the broker learns of the death only from missing heartbeats. That cannot be
 * had inside the test's JVM: {@code KafkaStreams.close(Duration.ZERO)} merely stops waiting while the
 * stream threads still shut down cleanly (commit, checkpoint, leave the group), and threads cannot
 * be stopped from outside.
 */
final class ForkedProcessor implements AutoCloseable {

    /**
     * Short enough that the group notices a dead member within seconds; the broker's minimum
     * (group.min.session.timeout.ms) is 6 s.
     */
    private static final Map<String, Object> FAST_FAILURE_DETECTION = Map.of(
            "session.timeout.ms", 6_000,
            "heartbeat.interval.ms", 1_500);

    private final Process process;
    private final ApiClient api;

    private ForkedProcessor(Process process, ApiClient api) {
        this.process = process;
        this.api = api;
    }

    /** How every instance of the failover test runs, in this JVM or a forked one. */
    static ProcessorSettings settings(String applicationId, String bootstrapServers, Path stateDirectory, int apiPort) {
        return new ProcessorSettings(applicationId, bootstrapServers, FAST_FAILURE_DETECTION, stateDirectory,
                "127.0.0.1", apiPort, "127.0.0.1", 1, TopologySettings.DEFAULTS);
    }

    /** Starts an instance in a new JVM with this JVM's class path; its output goes to {@code log}. */
    static ForkedProcessor start(String applicationId, String bootstrapServers, Path stateDirectory, int apiPort, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder command = new ProcessBuilder(List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                ForkedProcessor.class.getName(), applicationId, bootstrapServers, stateDirectory.toString(),
                Integer.toString(apiPort)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            return new ForkedProcessor(command.start(), new ApiClient(apiPort));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a processor JVM", e);
        }
    }

    ApiClient api() {
        return api;
    }

    /** SIGKILL, and wait until the process is gone. */
    void crash() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** A test's instance has nothing to hand over, so it ends the same way it is made to fail. */
    @Override
    public void close() throws InterruptedException {
        crash();
    }

    /** Runs one instance until killed, or until the test JVM that started it is gone (its stdin closes). */
    public static void main(String[] args) throws IOException {
        StreamProcessor.start(settings(args[0], args[1], Path.of(args[2]), Integer.parseInt(args[3])),
                new SpanCostCalculator(PriceCatalog.bundled()), Clock.systemUTC());
        while (System.in.read() >= 0) {
            // only the end of the stream matters
        }
        System.exit(0);
    }
}
