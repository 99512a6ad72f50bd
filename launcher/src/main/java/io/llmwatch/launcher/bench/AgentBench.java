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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./llmwatch bench agent}: in one run on an embedded broker, how fast the agent delivers compared with
 * a plain producer sending the same bytes, what {@code record()} costs the application meanwhile, and how long
 * {@code record()} can take while the broker is stopped and restarted, with every event counted on the topic
 * afterwards.
 */
public final class AgentBench {

    private static final String WARM_UP = "bench-warm-up";
    private static final String THROUGHPUT = "bench-throughput";
    private static final String OUTAGE = "bench-outage";
    private static final int PARTITIONS = 3;
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(2);
    /** Before and after the outage, so it happens mid-stream. */
    private static final Duration STEADY_RECORDING = Duration.ofSeconds(1);
    /** About 5,000 events per second: an application busy with LLM calls, with room for the replay to catch up. */
    private static final Duration OUTAGE_RECORDING_PAUSE = Duration.ofNanos(200_000);

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

        progress.printf("Agent: recording %,d events (after a warm-up of as many)%n", events);
        LlmWatch agent = client(bootstrapServers, "llmwatch-bench", 2 * events, null);
        recordAll(agent, SampleCalls.of(events, WARM_UP), new RecordLatencies(events));
        requireDelivered(agent);
        List<LlmCall> calls = SampleCalls.of(events, THROUGHPUT);
        RecordLatencies latencies = new RecordLatencies(events);
        long started = System.nanoTime();
        recordAll(agent, calls, latencies);
        requireDelivered(agent);
        double agentRate = events * 1e9 / (System.nanoTime() - started);
        agent.close();

        List<ConsumerRecord<byte[], byte[]>> published = PublishedSpans.of(bootstrapServers, THROUGHPUT, events, DELIVERY_TIMEOUT);
        long eventBytes = published.stream().mapToLong(record -> record.value().length).sum() / Math.max(1, published.size());
        progress.printf("Raw producer: sending the same %,d records of %d bytes (after a warm-up)%n", published.size(), eventBytes);
        RawProducerRun.eventsPerSecond(bootstrapServers, RAW_TOPIC.name(), published);
        double rawRate = RawProducerRun.eventsPerSecond(bootstrapServers, RAW_TOPIC.name(), published);

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
        long delivered = PublishedSpans.of(bootstrapServers, WARM_UP, events, DELIVERY_TIMEOUT).size() + published.size()
                + PublishedSpans.of(bootstrapServers, OUTAGE, outageEvents, DELIVERY_TIMEOUT).size();
        return new AgentBenchReport(events, eventBytes, agentRate, rawRate,
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

    private static void recordAll(LlmWatch agent, List<LlmCall> calls, RecordLatencies latencies) {
        for (LlmCall call : calls) {
            long began = System.nanoTime();
            agent.record(call);
            latencies.add(System.nanoTime() - began);
        }
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
