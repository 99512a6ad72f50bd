package io.llmwatch.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.launcher.pipeline.TemporaryDirectory;
import io.llmwatch.processor.ProcessorSettings;
import io.llmwatch.processor.StreamProcessor;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.topology.TopologySettings;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A soak of the whole processing path in one JVM: steady span traffic into an embedded broker, a processor
 * with exactly-once processing, one broker restart a third of the way in and one processor restart at two
 * thirds. Afterwards the processor's attributed cost and call count must equal exactly what was sent, and
 * the heap (measured after warm-up and at the end, each after a full GC) must not have grown.
 *
 * <p>Warm-up is the first quarter of the run, before the broker restart: it must outlast the filling of
 * every bounded in-heap structure, or their filling reads as growth. The largest is the Kafka Streams record
 * cache ({@code statestore.cache.max.bytes}), which keeps flushed entries until it is full and, trace and
 * window keys being new all the time, fills to its bound in about 4 minutes at the default 200 spans/s.
 * (The embedded broker's metric reservoirs, which share this JVM, fill for longer, but are bounded too.)
 */
final class Soak {

    private static final String APPLICATION_ID = "llmwatch-soak";
    private static final int PARTITIONS = 6;
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration BROKER_OUTAGE = Duration.ofSeconds(5);
    private static final int WARM_UP_FRACTION = 4;
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration duration;
    private final int spansPerSecond;
    private final PrintWriter progress;
    private final HttpClient http = HttpClient.newHttpClient();

    Soak(Duration duration, int spansPerSecond, PrintWriter progress) {
        this.duration = duration;
        this.spansPerSecond = spansPerSecond;
        this.progress = progress;
    }

    SoakReport run() throws Exception {
        Path state = Files.createTempDirectory("llmwatch-soak-");
        SpanCostCalculator pricing = new SpanCostCalculator(PriceCatalog.bundled());
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startRestartable();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(Topics.ALL, PARTITIONS, (short) 1);
            ProcessorSettings settings = new ProcessorSettings(APPLICATION_ID, broker.bootstrapServers(), Map.of(), state,
                    "127.0.0.1", 0, "127.0.0.1", 0, TopologySettings.DEFAULTS);
            StreamProcessor processor = StreamProcessor.start(settings, pricing, Clock.systemUTC());
            Instant started = Instant.now();
            ConsumerLag lag = new ConsumerLag(admin, APPLICATION_ID, Topics.SPANS.name());
            long maxLag = 0;
            long heapStart = 0;
            Duration warmUp = duration.dividedBy(WARM_UP_FRACTION);
            Duration brokerRestartAt = duration.dividedBy(3);
            Duration processorRestartAt = duration.multipliedBy(2).dividedBy(3);
            boolean brokerRestarted = false;
            boolean processorRestarted = false;
            try (SpanLoad load = new SpanLoad(broker.bootstrapServers(), spansPerSecond, pricing)) {
                for (Duration elapsed = Duration.ZERO; elapsed.compareTo(duration) < 0; elapsed = Duration.between(started, Instant.now())) {
                    Thread.sleep(TICK.toMillis());
                    maxLag = Math.max(maxLag, measure(lag));
                    if (heapStart == 0 && elapsed.compareTo(warmUp) >= 0) {
                        heapStart = usedHeapAfterGc();
                        progress.printf("warm: heap %d MiB after %ds%n", heapStart >> 20, elapsed.toSeconds());
                    }
                    if (!brokerRestarted && elapsed.compareTo(brokerRestartAt) >= 0) {
                        progress.printf("restarting the broker at %ds%n", elapsed.toSeconds());
                        broker.stopBroker();
                        Thread.sleep(BROKER_OUTAGE.toMillis());
                        broker.restartBroker();
                        brokerRestarted = true;
                    }
                    if (!processorRestarted && elapsed.compareTo(processorRestartAt) >= 0) {
                        progress.printf("restarting the processor at %ds%n", elapsed.toSeconds());
                        processor.close();
                        processor = StreamProcessor.start(settings, pricing, Clock.systemUTC());
                        processorRestarted = true;
                    }
                }
                load.stop();
                progress.printf("load stopped: %d spans sent, %d failed; waiting for the processor%n", load.sent(), load.failed());
                Totals observed = awaitTotals(processor, started, load.sent());
                long lagAtEnd = measure(lag);
                // Measured with everything still running, as at the start, so the two are comparable.
                long heapEnd = usedHeapAfterGc();
                return new SoakReport(duration.toSeconds(), warmUp.toSeconds(), load.sent(), load.failed(), heapStart, heapEnd,
                        maxLag, lagAtEnd, load.cost(), observed.cost(), load.sent(), observed.calls(),
                        alertsFired(broker.bootstrapServers()), brokerRestartAt.toSeconds(), processorRestartAt.toSeconds());
            } finally {
                processor.close();
            }
        } finally {
            TemporaryDirectory.delete(state);
        }
    }

    /** The lag now, or 0 while the broker is down and cannot say. */
    private static long measure(ConsumerLag lag) {
        try {
            return lag.measure();
        } catch (Exception brokerDown) {
            return 0;
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private record Totals(BigDecimal cost, long calls) {
    }

    /** The run's totals once every sent call is counted, or as they stand when the catch-up limit passes. */
    private Totals awaitTotals(StreamProcessor processor, Instant started, long sentCalls) throws Exception {
        Instant deadline = Instant.now().plus(CATCH_UP_LIMIT);
        Totals totals = new Totals(BigDecimal.ZERO, 0);
        while (Instant.now().isBefore(deadline)) {
            try {
                totals = totals(processor.apiPort(), started);
            } catch (IllegalStateException notQueryable) {
                // 503 while a rebalance settles: ask again
            }
            if (totals.calls() >= sentCalls) {
                // Let anything that would be a duplicate arrive too before judging.
                Thread.sleep(TICK.multipliedBy(5).toMillis());
                return totals(processor.apiPort(), started);
            }
            Thread.sleep(TICK.toMillis());
        }
        return totals;
    }

    /** Cost and calls of every tenant's hourly windows from the run's first hour on. */
    private Totals totals(int apiPort, Instant started) throws Exception {
        String from = started.truncatedTo(ChronoUnit.HOURS).toString();
        String to = Instant.now().plus(Duration.ofHours(1)).toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort
                + "/api/cost?by=tenant&window=1h&from=" + from + "&to=" + to)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("cost query answered " + response.statusCode());
        }
        BigDecimal cost = BigDecimal.ZERO;
        long calls = 0;
        for (JsonNode row : JSON.readTree(response.body())) {
            cost = cost.add(new BigDecimal(row.get("costUsd").asText()));
            calls += row.get("calls").asLong();
        }
        return new Totals(cost, calls);
    }

    private static long alertsFired(String bootstrapServers) {
        try (KafkaConsumer<String, AlertEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "llmwatch-soak-alerts-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.ALERTS.name()));
            long firing = 0;
            int emptyPolls = 0;
            while (emptyPolls < 3) {
                ConsumerRecords<String, AlertEvent> records = consumer.poll(Duration.ofSeconds(1));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (var record : records) {
                    if (record.value() != null && record.value().getStatus() == AlertStatus.FIRING) {
                        firing++;
                    }
                }
            }
            return firing;
        }
    }
}
