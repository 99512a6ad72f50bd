package io.llmwatch.launcher.bench;

import io.llmwatch.agent.LlmCall;
import io.llmwatch.agent.LlmWatch;
import io.llmwatch.agent.LlmWatchBuilder;
import io.llmwatch.agent.export.AgentCounters;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.schemas.topic.Topic;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.serialization.Serdes;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * {@code ./llmwatch bench agent}: in one run on an embedded broker, how fast the agent delivers compared with
 * a plain producer sending the same bytes, what {@code record()} costs the application meanwhile, and how long
 * {@code record()} can take while the broker is stopped and restarted, with every event counted on the topic
 * afterwards.
 */
public final class AgentBench {

    private static final String THROUGHPUT = "bench-throughput";
    private static final String OUTAGE = "bench-outage";
    private static final int PARTITIONS = 3;
    /**
     * Agent and raw producer take turns. The JIT compiles the broker and both clients, in this one JVM, for
     * the first rounds: in runs of twelve warm-up rounds, both sides' rates kept rising until about the
     * eighth, and rounds before that measure the compiler, not the code.
     */
    private static final int WARM_UP_ROUNDS = 8;
    /** Each side reports its median measured round. */
    private static final int MEASURED_ROUNDS = 5;
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(2);
    /** Before and after the outage, so it happens mid-stream. */
    private static final Duration STEADY_RECORDING = Duration.ofSeconds(1);
    /** About 5,000 events per second: an application busy with LLM calls, with room for the replay to catch up. */
    private static final Duration OUTAGE_RECORDING_PAUSE = Duration.ofNanos(200_000);

    /** Calls between looks at the queue: far fewer than the half of it that is left free. */
    private static final int PACING_STRIDE = 128;
    private static final long PACING_PAUSE_NANOS = Duration.ofMillis(1).toNanos() / 20;

    private static final Topic<byte[], byte[]> RAW_TOPIC =
            new Topic<>("llmwatch.bench.raw.v1", Serdes.ByteArray(), Serdes.ByteArray(), Map.of());

    private final int events;
    private final Duration outage;
    private final PrintWriter progress;

    public AgentBench(int events, Duration outage, PrintWriter progress) {
        this.events = events;
        this.outage = outage;
        this.progress = progress;
    }

    public AgentBenchReport run() throws InterruptedException {
        Path spool = temporaryDirectory();
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.startRestartable()) {
            return run(kafka, spool);
        } finally {
            deleteSpool(spool);
        }
    }

    private AgentBenchReport run(EmbeddedKafkaBroker kafka, Path spool) throws InterruptedException {
        String bootstrapServers = kafka.bootstrapServers();
        createTopics(bootstrapServers);
        try (PublishedSpans publishedSpans = new PublishedSpans(bootstrapServers)) {
            return run(kafka, spool, publishedSpans);
        }
    }

    private AgentBenchReport run(EmbeddedKafkaBroker kafka, Path spool, PublishedSpans publishedSpans) throws InterruptedException {
        String bootstrapServers = kafka.bootstrapServers();

        progress.printf("Agent and raw producer, taking turns: %d warm-up rounds and %d measured rounds of %,d events%n",
                WARM_UP_ROUNDS, MEASURED_ROUNDS, events);
        LlmWatch agent = client(bootstrapServers, "llmwatch-bench", LlmWatchBuilder.DEFAULT_QUEUE_CAPACITY, null);
        RecordLatencies latencies = new RecordLatencies(events * MEASURED_ROUNDS);
        double[] agentRates = new double[MEASURED_ROUNDS];
        double[] rawRates = new double[MEASURED_ROUNDS];
        long[] agentCpu = new long[MEASURED_ROUNDS];
        long[] rawCpu = new long[MEASURED_ROUNDS];
        long publishedBytes = 0;
        for (int round = -WARM_UP_ROUNDS; round < MEASURED_ROUNDS; round++) {
            boolean measured = round >= 0;
            String feature = THROUGHPUT + "-" + (round + WARM_UP_ROUNDS);
            long started = System.nanoTime();
            long cpuAtStart = ProcessCpu.nanos();
            recordAll(agent, feature, measured ? latencies : new RecordLatencies(events));
            double agentRate = events * 1e9 / (System.nanoTime() - started);
            long agentCpuPerEvent = ProcessCpu.perEvent(cpuAtStart, ProcessCpu.nanos(), events);
            PublishedRound published = publishedSpans.take(feature, events, DELIVERY_TIMEOUT);
            RawProducerRun.Result raw = RawProducerRun.run(bootstrapServers, RAW_TOPIC.name(), published.sample(), events);
            progress.printf("%s round %d: agent %,.0f events/s (%,d ns CPU/event), raw producer %,.0f events/s (%,d ns CPU/event)%n",
                    measured ? "Measured" : "Warm-up", measured ? round + 1 : round + WARM_UP_ROUNDS + 1,
                    agentRate, agentCpuPerEvent, raw.eventsPerSecond(), raw.cpuNanosPerEvent());
            if (measured) {
                agentRates[round] = agentRate;
                rawRates[round] = raw.eventsPerSecond();
                agentCpu[round] = agentCpuPerEvent;
                rawCpu[round] = raw.cpuNanosPerEvent();
                publishedBytes += published.valueBytes();
            }
        }
        agent.close();

        progress.printf("Outage: recording while the broker is stopped for %d s and restarted%n", outage.toSeconds());
        LlmWatch spooling = client(bootstrapServers, "llmwatch-bench-outage", LlmWatchBuilder.DEFAULT_QUEUE_CAPACITY, spool);
        OutageRecorder recorder = new OutageRecorder(spooling, SampleCalls.of(expectedOutageEvents(), OUTAGE), OUTAGE_RECORDING_PAUSE);
        recorder.start();
        Thread.sleep(STEADY_RECORDING.toMillis());
        long downAt = System.nanoTime();
        recorder.brokerDown();
        kafka.stopBroker();
        Thread.sleep(outage.toMillis());
        kafka.restartBroker();
        recorder.brokerUp();
        long brokerDownMillis = Duration.ofNanos(System.nanoTime() - downAt).toMillis();
        Thread.sleep(STEADY_RECORDING.toMillis());
        int outageEvents = recorder.stop();
        requireDelivered(spooling);
        spooling.close();

        AgentCounters throughput = agent.counters();
        AgentCounters outageCounters = spooling.counters();
        long delivered = publishedSpans.total(throughput.accepted() + outageCounters.accepted(), DELIVERY_TIMEOUT);
        return new AgentBenchReport(events, MEASURED_ROUNDS, publishedBytes / ((long) events * MEASURED_ROUNDS),
                median(agentRates), median(rawRates), median(agentCpu), median(rawCpu),
                latencies.percentile(0.50), latencies.percentile(0.99), latencies.percentile(0.999), latencies.max(),
                outageEvents, brokerDownMillis, recorder.longestCallWhileDownNanos(),
                throughput.offered() + outageCounters.offered(), throughput.accepted() + outageCounters.accepted(),
                throughput.dropped() + outageCounters.dropped(), throughput.spooled() + outageCounters.spooled(),
                throughput.replayed() + outageCounters.replayed(), throughput.sent() + outageCounters.sent(), delivered);
    }

    private int expectedOutageEvents() {
        Duration recording = outage.plus(STEADY_RECORDING.multipliedBy(2)).plusSeconds(10);
        return (int) (recording.toNanos() / OUTAGE_RECORDING_PAUSE.toNanos());
    }

    private static LlmWatch client(String bootstrapServers, String serviceName, int queueCapacity, Path spool) {
        var builder = LlmWatch.builder()
                .bootstrapServers(bootstrapServers)
                .serviceName(serviceName)
                .queueCapacity(queueCapacity)
                .shutdownHook(false);
        return (spool == null ? builder : builder.spoolDirectory(spool)).build();
    }

    /**
     * Records {@code events} calls of {@code feature} as fast as the agent delivers them, with its default
     * queue, and waits until all are delivered. Like a busy application it builds each call just before
     * recording it, and records as it goes rather than all at once: every {@link #PACING_STRIDE} calls it
     * looks at the queue, and while that is half full it pauses, so nothing is dropped. Only {@code record()}
     * itself is timed. (Calls built in advance would be cold in the cache, and queuing them all up front
     * would keep hundreds of thousands alive in the young generation: the benchmark would measure cache
     * misses and the garbage collector copying them, neither of which an application sees.)
     */
    private void recordAll(LlmWatch agent, String feature, RecordLatencies latencies) {
        int pauseAbove = LlmWatchBuilder.DEFAULT_QUEUE_CAPACITY / 2;
        for (int i = 0; i < events; i++) {
            if (i % PACING_STRIDE == 0) {
                while (agent.counters().queueSize() > pauseAbove) {
                    LockSupport.parkNanos(PACING_PAUSE_NANOS);
                }
            }
            LlmCall call = SampleCalls.call(i, feature);
            long began = System.nanoTime();
            agent.record(call);
            latencies.add(System.nanoTime() - began);
        }
        requireDelivered(agent);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void requireDelivered(LlmWatch agent) {
        if (!agent.flush(DELIVERY_TIMEOUT)) {
            throw new IllegalStateException("The agent did not deliver within " + DELIVERY_TIMEOUT + ": " + agent.counters());
        }
    }

    private static void createTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            new TopicProvisioner(admin).ensure(List.<Topic<?, ?>>of(Topics.SPANS, Topics.FEEDBACK, Topics.SCHEMAS, RAW_TOPIC), PARTITIONS, (short) 1);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("llmwatch-bench-spool");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a spool directory for the benchmark", e);
        }
    }

    /** A replayed spool holds only its lock file, but a failed run may leave segments too. */
    private static void deleteSpool(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.delete(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the benchmark's spool in " + directory, e);
        }
    }
}
