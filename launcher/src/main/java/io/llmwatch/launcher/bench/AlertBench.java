package io.llmwatch.launcher.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import io.llmwatch.sink.AlertSink;
import io.llmwatch.sink.SinkConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bench alerts}: an embedded broker, two sink instances in one consumer group delivering to a
 * local webhook endpoint, and a producer writing alerts at a steady rate. Halfway through, one sink
 * instance is stopped and a new one started in its place (a rolling restart), so the numbers include
 * a rebalance. Every alert is a new incident, so each is one notification.
 */
final class AlertBench {

    private static final int PARTITIONS = 6;
    private static final int SINK_INSTANCES = 2;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final String GROUP = "llmwatch-bench-alerts";

    private final double rate;
    private final Duration duration;
    private final PrintWriter progress;
    private final Serializer<AlertEvent> serializer = Topics.ALERTS.valueSerde().serializer();

    AlertBench(double rate, Duration duration, PrintWriter progress) {
        this.rate = rate;
        this.duration = duration;
        this.progress = progress;
    }

    AlertBenchResult run() throws Exception {
        // One INFO line per alert is right for operations, but would time the console here, not delivery.
        ((Logger) LoggerFactory.getLogger("io.llmwatch.sink")).setLevel(Level.WARN);
        Path work = Files.createTempDirectory("llmwatch-bench-alerts-");
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(work.resolve("kafka"));
             AlertReceiver receiver = new AlertReceiver();
             KafkaProducer<String, byte[]> producer = producer(kafka)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                new TopicProvisioner(admin).ensure(Topics.ALL, PARTITIONS, (short) 1);
            }
            SinkConfig config = SinkConfig.builder()
                    .bootstrapServers(kafka.bootstrapServers())
                    .groupId(GROUP)
                    .webhookUrl(receiver.url())
                    // A member that leaves is noticed, and its partitions reassigned, within a heartbeat.
                    .clientProperty("heartbeat.interval.ms", "100")
                    .clientProperty("session.timeout.ms", "6000")
                    .build();
            List<AlertSink> sinks = new ArrayList<>();
            for (int i = 0; i < SINK_INSTANCES; i++) {
                sinks.add(start(config));
            }
            warmUp(producer, receiver);
            progress.printf("bench alerts: %d sink instances ready; producing %.0f alerts/s for %ds%n",
                    SINK_INSTANCES, rate, duration.toSeconds());
            progress.flush();
            AlertBenchResult result = measure(producer, receiver, sinks, config);
            sinks.forEach(AlertSink::close);
            return result;
        } finally {
            deleteQuietly(work);
        }
    }

    private AlertBenchResult measure(KafkaProducer<String, byte[]> producer, AlertReceiver receiver, List<AlertSink> sinks,
                                     SinkConfig config) throws InterruptedException {
        int total = (int) Math.round(rate * duration.toSeconds());
        long periodNanos = (long) (1e9 / rate);
        String[] ids = new String[total];
        long[] sentAt = new long[total];
        long start = System.nanoTime();
        Thread restarter = new Thread(() -> {
            LockSupport.parkNanos(duration.toNanos() / 2);
            AlertSink stopping = sinks.get(0);
            stopping.close();
            sinks.set(0, start(config));
            progress.println("bench alerts: restarted one sink instance");
            progress.flush();
        }, "bench-restarter");
        restarter.start();
        for (int i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            AlertEvent alert = alert(i);
            ids[i] = alert.getAlertId();
            sentAt[i] = System.nanoTime();
            producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.getDedupKey(), serializer.serialize(Topics.ALERTS.name(), alert)));
        }
        producer.flush();
        restarter.join();
        long drainDeadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (receiver.distinctAlerts() < total + 1 && System.nanoTime() < drainDeadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        RecordLatencies latencies = new RecordLatencies(total);
        int lost = 0;
        long lastArrival = start;
        for (int i = 0; i < total; i++) {
            Long arrival = receiver.firstArrival(ids[i]);
            if (arrival == null) {
                lost++;
            } else {
                latencies.add(arrival - sentAt[i]);
                lastArrival = Math.max(lastArrival, arrival);
            }
        }
        // The warm-up alert is one distinct alert with one request.
        long duplicates = receiver.requests() - receiver.distinctAlerts();
        double seconds = (lastArrival - start) / 1e9;
        return new AlertBenchResult(total, rate, latencies.count() / seconds, millis(latencies.percentile(0.50)),
                millis(latencies.percentile(0.90)), millis(latencies.percentile(0.99)), millis(latencies.max()),
                lost, duplicates, SINK_INSTANCES, 1, "webhook");
    }

    private static AlertSink start(SinkConfig config) {
        AlertSink sink = new AlertSink(config);
        sink.start();
        return sink;
    }

    /** One alert through the whole path, so the group is formed and every connection is open before timing starts. */
    private void warmUp(KafkaProducer<String, byte[]> producer, AlertReceiver receiver) {
        AlertEvent alert = alert(-1);
        producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.getDedupKey(), serializer.serialize(Topics.ALERTS.name(), alert)));
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (receiver.firstArrival(alert.getAlertId()) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The warm-up alert never arrived");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        // Both instances hold partitions once the group has settled after the second one joined.
        LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafkaBroker kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private static AlertEvent alert(int index) {
        String key = "user-" + index;
        return AlertEvent.newBuilder()
                .setAlertId(UUID.randomUUID().toString())
                .setDedupKey("cost_spike|user|" + key + "|" + index)
                .setType("cost_spike")
                .setSeverity(Severity.WARNING)
                .setStatus(AlertStatus.FIRING)
                .setDimension("user")
                .setDimensionKey(key)
                .setTenant("bench")
                .setWindowStartMillis(1_762_430_400_000L)
                .setWindowEndMillis(1_762_430_405_000L)
                .setObserved("1.250000")
                .setExpected("0.100000")
                .setSummary(key + " spent 1.25 USD in 5 s against a 0.10 USD baseline")
                .setDetectedAtMillis(System.currentTimeMillis())
                .build();
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
