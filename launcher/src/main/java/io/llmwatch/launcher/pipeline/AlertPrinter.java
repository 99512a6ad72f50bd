package io.llmwatch.launcher.pipeline;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Prints every alert committed to the alert topic from now on, as it fires or resolves. It reads
 * without a consumer group (nothing to commit, no rebalance) and only committed transactions.
 */
final class AlertPrinter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertPrinter.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final PrintWriter out;
    private final Consumer<AlertEvent> onAlert;
    private final Thread thread;
    private final AtomicLong printed = new AtomicLong();
    private volatile boolean running = true;

    AlertPrinter(Map<String, Object> clientConfig, PrintWriter out, Consumer<AlertEvent> onAlert) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.out = out;
        this.onAlert = onAlert;
        this.thread = new Thread(this::run, "llmwatch-alert-printer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name(), Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    print(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("Alert printer stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private void print(ConsumerRecord<String, byte[]> record) {
        AlertEvent alert;
        try {
            alert = Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            out.printf("ALERT (undecodable at %s-%d@%d: %s)%n", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        printed.incrementAndGet();
        out.printf("ALERT %s [%s] %s %s=%s: %s%s%n",
                alert.getStatus(), alert.getSeverity().name().toLowerCase(Locale.ROOT), alert.getType(),
                alert.getDimension(), alert.getDimensionKey(), alert.getSummary(),
                alert.getStatus() == AlertStatus.FIRING && !alert.getExemplarTraceIds().isEmpty()
                        ? " (exemplar trace " + alert.getExemplarTraceIds().get(0) + ")" : "");
        onAlert.accept(alert);
    }

    long printed() {
        return printed.get();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
