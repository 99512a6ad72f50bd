package io.llmwatch.launcher.bench;

import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.processor.StreamsConfiguration;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.topology.LlmWatchTopology;
import io.llmwatch.processor.topology.TopologySettings;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.Topic;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code ./llmwatch bench pipeline}: one input of realistic spans pre-loaded on an embedded broker,
 * then three Kafka Streams applications measured over it in the same run, with the same processing
 * guarantee, threads and throughput settings (those the processor runs with): (a) a passthrough, (b) a
 * bare windowed count, (c) the full llmwatch topology.
 * Throughput is input spans over the time from the first committed offset to the last.
 */
public final class PipelineBenchmark {

    private static final String PASSTHROUGH_OUTPUT = "bench.passthrough.out";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(40);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int PARTITIONS = 6;

    private final int events;
    private final long seed;

    public PipelineBenchmark(int events, long seed) {
        if (events < 1) {
            throw new IllegalArgumentException("events must be positive");
        }
        this.events = events;
        this.seed = seed;
    }

    public PipelineBenchResult run() throws Exception {
        Path workDirectory = Files.createTempDirectory("llmwatch-bench-pipeline");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDirectory.resolve("kafka"));
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(Topics.ALL, PARTITIONS, (short) 1);
            new TopicProvisioner(admin).ensure(List.of(new Topic<>(PASSTHROUGH_OUTPUT, Serdes.ByteArray(),
                    Serdes.ByteArray(), Map.of())), PARTITIONS, (short) 1);
            preload(broker.bootstrapServers());

            HeapPeak heap = new HeapPeak();
            Run passthrough = measure(broker, admin, "bench-passthrough", PipelineBenchmark::passthrough, workDirectory);
            Run windowedCount = measure(broker, admin, "bench-windowed-count", PipelineBenchmark::windowedCount, workDirectory);
            Run full = measure(broker, admin, "bench-full", () -> LlmWatchTopology.build(TopologySettings.DEFAULTS,
                    new SpanCostCalculator(PriceCatalog.bundled()), Clock.systemUTC()), workDirectory);
            return new PipelineBenchResult(events, passthrough.eventsPerSecond, windowedCount.eventsPerSecond,
                    full.eventsPerSecond, heap.peakMegabytes(), full.stateMegabytes,
                    passthrough.writesPerSpan(events), windowedCount.writesPerSpan(events), full.writesPerSpan(events),
                    full.lateRecords);
        } finally {
            deleteTree(workDirectory);
        }
    }

    private void preload(String bootstrapServers) {
        BenchSpanGenerator generator = new BenchSpanGenerator(seed, Instant.now().minus(Duration.ofHours(1)), 1_000);
        var serializer = Topics.SPANS.valueSerde().serializer();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                // the topic was created moments ago: see StreamsConfiguration.PRODUCER_SAFETY
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                SpanEvent span = generator.next();
                producer.send(new ProducerRecord<>(Topics.SPANS.name(), span.getTraceId(),
                        serializer.serialize(Topics.SPANS.name(), span)));
            }
        }
    }

    private static Topology passthrough() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.SPANS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("in"))
                .to(PASSTHROUGH_OUTPUT, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("out"));
        return builder.build();
    }

    private static Topology windowedCount() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.SPANS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("in"))
                .groupByKey(Grouped.with("by-trace", Serdes.String(), Serdes.ByteArray()))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofMinutes(1)))
                .count(Named.as("count"),
                        Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("counts")
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        return builder.build();
    }

    /**
     * @param offsetsWritten what the run wrote to every topic: outputs, changelogs, repartitions (see {@link TopicEndOffsets})
     * @param lateRecords    of those, the late topic's
     */
    private record Run(double eventsPerSecond, double stateMegabytes, long offsetsWritten, long lateRecords) {

        double writesPerSpan(int spans) {
            return (double) offsetsWritten / spans;
        }
    }

    private Run measure(EmbeddedKafkaBroker broker, Admin admin, String applicationId, Supplier<Topology> topology,
                        Path workDirectory) throws Exception {
        Path stateDirectory = workDirectory.resolve(applicationId);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        config.putAll(StreamsConfiguration.ONE_THREAD_PER_CORE);
        config.putAll(StreamsConfiguration.PRODUCER_SAFETY);
        config.putAll(StreamsConfiguration.THROUGHPUT);
        TopicEndOffsets before = TopicEndOffsets.now(admin);
        try (KafkaStreams streams = new KafkaStreams(topology.get(), config)) {
            streams.start();
            Instant deadline = Instant.now().plus(RUN_TIMEOUT);
            long firstCommitted = 0;
            long firstAtNanos = 0;
            while (true) {
                long committed = committedInput(admin, applicationId);
                if (firstAtNanos == 0 && committed > 0) {
                    firstCommitted = committed;
                    firstAtNanos = System.nanoTime();
                }
                if (committed >= events) {
                    double seconds = (System.nanoTime() - firstAtNanos) / 1e9;
                    double rate = seconds > 0 ? (events - firstCommitted) / seconds : Double.NaN;
                    double stateMegabytes = sizeMegabytes(stateDirectory);
                    // Closed first, so every transaction of the run is committed when its writes are counted.
                    streams.close();
                    TopicEndOffsets after = TopicEndOffsets.now(admin);
                    return new Run(rate, stateMegabytes, after.writtenSince(before), after.writtenSince(before, Topics.LATE.name()));
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(applicationId + " processed only " + committed + " of " + events
                            + " spans within " + RUN_TIMEOUT);
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        }
    }

    private static long committedInput(Admin admin, String groupId) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(Topics.SPANS.name()) && entry.getValue() != null)
                .mapToLong(entry -> entry.getValue().offset())
                .sum();
    }

    private static double sizeMegabytes(Path directory) {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum() / (1024.0 * 1024.0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** The largest heap in use during the run, from the JVM's own per-pool peaks. */
    private static final class HeapPeak {
        HeapPeak() {
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        }

        double peakMegabytes() {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed())
                    .sum() / (1024.0 * 1024.0);
        }
    }
}
