package io.llmwatch.launcher.bench;

import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.launcher.pipeline.PipelineSettings;
import io.llmwatch.processor.StreamsConfiguration;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.detection.DetectionSettings;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.topology.LlmWatchTopology;
import io.llmwatch.processor.topology.TopologySettings;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./llmwatch bench detection}: the full llmwatch topology on an embedded broker, fed live with seeded
 * traffic at a steady rate (event time = wall clock), five incidents injected after a warm-up, and every alert on
 * {@code llmwatch.alerts.v1} judged: explained by an incident, or false. Detection delay is measured in event time
 * (the alert record's timestamp is the event time of the call that decided it), alert latency in wall clock from
 * producing an incident's first anomalous call until its first alert is read back from the alerts topic.
 */
public final class DetectionBenchmark {

    private static final String APPLICATION_ID = "bench-detection";
    /**
     * As {@code ./llmwatch up} provisions them: divisible by one to three stream threads, so every thread gets an equal
     * share of each sub-topology (with three, one of two threads carried twice the other's detection keys).
     */
    private static final int PARTITIONS = PipelineSettings.DEFAULT_PARTITIONS;
    private static final Duration INCIDENT_SPACING = Duration.ofSeconds(20);
    private static final Duration INCIDENT_LENGTH = Duration.ofSeconds(45);
    private static final Duration TAIL = Duration.ofSeconds(30);
    private static final Duration DRAIN = Duration.ofSeconds(10);
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(10);
    private static final long TICK_MILLIS = 10;
    /**
     * The cost-anomaly detector warms up over 100 buckets: one-second buckets let it arm within the warm-up of a
     * benchmark, where production uses one-minute buckets.
     */
    private static final Duration COST_ANOMALY_BUCKET = Duration.ofSeconds(1);
    /** Spans partitions are processed at slightly different paces: a bucket waits this long for stragglers. */
    private static final Duration COST_ANOMALY_GRACE = Duration.ofSeconds(10);

    private final int eventsPerSecond;
    private final long seed;
    private final Duration warmUp;

    public DetectionBenchmark(int eventsPerSecond, long seed, Duration warmUp) {
        if (eventsPerSecond < 100) {
            throw new IllegalArgumentException("the rate must be at least 100 events/s, got " + eventsPerSecond);
        }
        this.eventsPerSecond = eventsPerSecond;
        this.seed = seed;
        this.warmUp = warmUp;
    }

    /** One alert as read back, with the event time that decided it and when it arrived. */
    record ReadAlert(AlertEvent alert, long eventTimeMillis, long receivedMillis) {
    }

    public DetectionBenchResult run() throws Exception {
        Path workDirectory = Files.createTempDirectory("llmwatch-bench-detection");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDirectory.resolve("kafka"));
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(Topics.ALL, PARTITIONS, (short) 1);
            TopologySettings settings = new TopologySettings(TopologySettings.DEFAULTS.windows(),
                    DetectionSettings.DEFAULTS.withCostAnomalyBucket(COST_ANOMALY_BUCKET, COST_ANOMALY_GRACE),
                    TopologySettings.DEFAULTS.recentAlertsKept());
            try (KafkaStreams streams = new KafkaStreams(LlmWatchTopology.build(settings,
                    new SpanCostCalculator(PriceCatalog.bundled()), Clock.systemUTC()),
                    streamsConfig(broker.bootstrapServers(), workDirectory.resolve("state")))) {
                streams.start();
                awaitRunning(streams);
                List<ReadAlert> alerts = new CopyOnWriteArrayList<>();
                AtomicBoolean reading = new AtomicBoolean(true);
                Thread reader = new Thread(() -> readAlerts(broker.bootstrapServers(), alerts, reading), "bench-alert-reader");
                reader.start();
                long start = System.currentTimeMillis();
                IncidentTraffic.Schedule schedule = schedule(start + warmUp.toMillis());
                long produced = produce(broker.bootstrapServers(), new IncidentTraffic(seed, schedule), start,
                        schedule.tokenDrift() + schedule.lengthMillis() + TAIL.toMillis());
                double rate = produced * 1000.0 / (System.currentTimeMillis() - start);
                awaitCaughtUp(admin);
                Thread.sleep(DRAIN.toMillis());
                reading.set(false);
                reader.join();
                return judge(incidents(schedule), alerts, rate, produced, processedSpans(admin));
            }
        } finally {
            deleteTree(workDirectory);
        }
    }

    private static IncidentTraffic.Schedule schedule(long firstIncident) {
        long spacing = INCIDENT_SPACING.toMillis();
        return new IncidentTraffic.Schedule(firstIncident, firstIncident + spacing, firstIncident + 2 * spacing,
                firstIncident + 3 * spacing, firstIncident + 4 * spacing, INCIDENT_LENGTH.toMillis());
    }

    /** Which alerts each incident explains: its own keys, and the keys its calls roll up into. */
    private static List<BenchIncident> incidents(IncidentTraffic.Schedule schedule) {
        long length = schedule.lengthMillis();
        IncidentTraffic.Feature checkout = IncidentTraffic.CHECKOUT;
        IncidentTraffic.Feature search = IncidentTraffic.SEARCH;
        IncidentTraffic.Feature translate = IncidentTraffic.TRANSLATE;
        IncidentTraffic.Feature support = IncidentTraffic.SUPPORT;
        IncidentTraffic.Feature summarize = IncidentTraffic.SUMMARIZE;
        return List.of(
                new BenchIncident("cost_spike", schedule.costSpike(), schedule.costSpike() + length,
                        Set.of("cost_spike", "cost_anomaly", "prompt_drift", "quality_degradation"),
                        // Its users, tenants and the global total spend what the feature spends.
                        rollUpOf(checkout).or(key -> key.startsWith("user|") || key.startsWith("tenant|")
                                || key.equals("global|all"))),
                new BenchIncident("latency_regression", schedule.latency(), schedule.latency() + length,
                        Set.of("latency_regression", "ttft_regression", "prompt_drift", "quality_degradation"),
                        rollUpOf(search).or(key -> key.equals("provider|" + search.provider()))),
                new BenchIncident("error_burst", schedule.errors(), schedule.errors() + length,
                        Set.of("error_rate", "quality_degradation", "prompt_drift", "latency_regression",
                                "ttft_regression"),
                        rollUpOf(translate).or(key -> key.equals("provider|" + translate.provider()))),
                // The new version stays: its alerts may come any time after the release.
                new BenchIncident("quality_drop_after_prompt_change", schedule.qualityDrop(), Long.MAX_VALUE / 2,
                        Set.of("prompt_drift", "quality_degradation", "inefficient_prompt"), rollUpOf(support)),
                new BenchIncident("token_drift", schedule.tokenDrift(), schedule.tokenDrift() + length,
                        Set.of("prompt_drift", "cost_anomaly", "cost_spike", "inefficient_prompt"),
                        rollUpOf(summarize).or(key -> key.equals("global|all"))));
    }

    /** The keys a feature's calls count under: the feature, its prompt, its model, model × prompt versions. */
    private static Predicate<String> rollUpOf(IncidentTraffic.Feature feature) {
        return key -> key.equals("feature|" + feature.name()) || key.equals("prompt|" + feature.prompt())
                || key.equals("model|" + feature.model())
                || key.startsWith("model_prompt|" + feature.model() + "|" + feature.prompt() + "@");
    }

    private long produce(String bootstrapServers, IncidentTraffic traffic, long start, long end) throws InterruptedException {
        var serializer = Topics.SPANS.valueSerde().serializer();
        long produced = 0;
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer())) {
            long now;
            while ((now = System.currentTimeMillis()) < end) {
                long due = (now - start) * eventsPerSecond / 1000;
                for (; produced < due; produced++) {
                    SpanEvent span = traffic.next(now);
                    producer.send(new ProducerRecord<>(Topics.SPANS.name(), null, now, span.getTraceId(),
                            serializer.serialize(Topics.SPANS.name(), span)));
                }
                Thread.sleep(TICK_MILLIS);
            }
        }
        return produced;
    }

    private static void readAlerts(String bootstrapServers, List<ReadAlert> alerts, AtomicBoolean reading) {
        var deserializer = Topics.ALERTS.valueSerde().deserializer();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                partitions.add(new TopicPartition(Topics.ALERTS.name(), partition));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (reading.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    alerts.add(new ReadAlert(deserializer.deserialize(record.topic(), record.value()), record.timestamp(),
                            System.currentTimeMillis()));
                }
            }
        }
    }

    /**
     * Waits until the processor has committed everything on its input and internal topics, so a processor that fell
     * behind still gets to judge every incident: its alerts then come late, which alert latency reports.
     */
    private static void awaitCaughtUp(Admin admin) throws Exception {
        long deadline = System.currentTimeMillis() + CATCH_UP_LIMIT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            // With exactly-once, a partition's end is one past the last commit marker: a lag of 1 is caught up.
            boolean caughtUp = committed.entrySet().stream().allMatch(entry -> entry.getValue() != null
                    && ends.get(entry.getKey()).offset() - entry.getValue().offset() <= 1);
            if (caughtUp) {
                return;
            }
            Thread.sleep(500);
        }
    }

    /** Spans the processor had committed when the run ended: short of those produced, it fell behind. */
    private static long processedSpans(Admin admin) throws Exception {
        return admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(Topics.SPANS.name()) && entry.getValue() != null)
                .mapToLong(entry -> entry.getValue().offset())
                .sum();
    }

    static DetectionBenchResult judge(List<BenchIncident> incidents, List<ReadAlert> alerts, double rate,
                                      long produced, long processed) {
        List<ReadAlert> firing = alerts.stream().filter(read -> read.alert().getStatus() == AlertStatus.FIRING)
                .sorted(Comparator.comparingLong(ReadAlert::receivedMillis)).toList();
        List<Map<String, Object>> perIncident = new ArrayList<>();
        List<Double> delays = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        double costSpikeDelay = Double.NaN;
        for (BenchIncident incident : incidents) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("incident", incident.name());
            // In the order they were read back: the first is what the on-call engineer sees first.
            List<ReadAlert> explaining = firing.stream()
                    .filter(read -> incident.explains(read.alert(), read.eventTimeMillis())).toList();
            row.put("detected", !explaining.isEmpty());
            if (!explaining.isEmpty()) {
                ReadAlert first = explaining.get(0);
                // The earliest decision in event time may reach the topic after another alert's: its processor's
                // partition can be further behind. Each measure takes its own earliest.
                long firstDecided = explaining.stream().mapToLong(ReadAlert::eventTimeMillis).min().orElseThrow();
                double delay = Math.max(0, firstDecided - incident.startMillis()) / 1000.0;
                long latency = first.receivedMillis() - incident.startMillis();
                delays.add(delay);
                latencies.add(latency);
                if (incident.name().equals("cost_spike")) {
                    costSpikeDelay = delay;
                }
                row.put("first_alert", first.alert().getType() + " " + first.alert().getDimension() + "="
                        + first.alert().getDimensionKey());
                row.put("delay_s", delay);
                row.put("alert_latency_ms", latency);
                // Wall clock until the detector decided; the rest of the latency is the commit that publishes it.
                row.put("decided_after_ms", first.alert().getDetectedAtMillis() - incident.startMillis());
                row.put("summary", first.alert().getSummary());
            }
            perIncident.add(row);
        }
        long firstIncident = incidents.stream().mapToLong(BenchIncident::startMillis).min().orElse(0);
        List<String> unexplained = firing.stream()
                .filter(read -> incidents.stream().noneMatch(incident -> incident.explains(read.alert(), read.eventTimeMillis())))
                .map(read -> String.format(Locale.ROOT, "%s %s=%s at %+.1fs of the first incident: %s",
                        read.alert().getType(), read.alert().getDimension(), read.alert().getDimensionKey(),
                        (read.eventTimeMillis() - firstIncident) / 1000.0, read.alert().getSummary()))
                .toList();
        return new DetectionBenchResult(incidents.size(), delays.size(), unexplained.size(), firing.size(), byKind(firing), median(delays),
                costSpikeDelay, percentile(latencies, 0.5), percentile(latencies, 0.99), rate, produced, processed,
                perIncident, unexplained);
    }

    private static Map<String, Long> byKind(List<ReadAlert> alerts) {
        return alerts.stream().collect(Collectors.groupingBy(read -> read.alert().getType() + "/" + read.alert().getDimension(),
                TreeMap::new, Collectors.counting()));
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Nearest-rank percentile; with a handful of incidents p99 is the slowest one. */
    private static long percentile(List<Long> values, double quantile) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(quantile * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static Properties streamsConfig(String bootstrapServers, Path stateDirectory) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        config.putAll(StreamsConfiguration.PRODUCER_SAFETY);
        // As the processor runs: alerts do not wait for the commit interval, they request a commit.
        config.putAll(StreamsConfiguration.THROUGHPUT);
        config.putAll(StreamsConfiguration.ONE_THREAD_PER_CORE);
        return config;
    }

    private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
        long deadline = System.currentTimeMillis() + Duration.ofMinutes(2).toMillis();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the processor did not reach RUNNING: " + streams.state());
            }
            Thread.sleep(100);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
