package io.llmwatch.processor.metrics;

import io.llmwatch.processor.detection.CostSpikeProcessor;
import io.llmwatch.processor.detection.lifecycle.AlertType;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts the detectors' alerts as they are committed to {@code llmwatch.alerts.v1}, by type and status
 * ({@code llmwatch_detector_alerts_total{type,status}}): fired and resolved per detector. The detectors
 * stay free of metrics code; this reader follows the topic in its own consumer group, so the instances
 * of one application share its partitions and the sum over instances counts each alert once. It starts
 * at the end of the topic: the counters count what happened while the process ran, as counters do.
 */
final class AlertCounts implements AutoCloseable {

    static final String METRIC = "llmwatch.detector.alerts";
    private static final Logger LOG = LoggerFactory.getLogger(AlertCounts.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaConsumer<String, byte[]> consumer;
    private final MeterRegistry registry;
    private final Thread thread;

    AlertCounts(Map<String, Object> clientConfig, String applicationId, MeterRegistry registry) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, applicationId + "-alert-metrics");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // Alerts of aborted transactions were never raised.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.registry = registry;
        this.thread = new Thread(this::run, "llmwatch-alert-metrics");
        thread.setDaemon(true);
        registerKnownTypes();
    }

    /** Every series from zero, so Prometheus sees a detector's first alert as an increase rather than a new series. */
    private void registerKnownTypes() {
        List<String> types = new ArrayList<>(Arrays.stream(AlertType.values()).map(AlertType::wireName).toList());
        types.add(CostSpikeProcessor.ALERT_TYPE);
        for (String type : types) {
            for (AlertStatus status : AlertStatus.values()) {
                counter(type, status);
            }
        }
    }

    private Counter counter(String type, AlertStatus status) {
        return Counter.builder(METRIC)
                .description("alerts the detectors raised, by type and status (firing, resolved)")
                .tag("type", type)
                .tag("status", status.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try (consumer) {
            consumer.subscribe(List.of(Topics.ALERTS.name()));
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    count(record);
                }
            }
        } catch (WakeupException stopping) {
            // close() asked the loop to end.
        } catch (RuntimeException e) {
            LOG.warn("Alert counting stopped; llmwatch_detector_alerts_total no longer moves", e);
        }
    }

    private void count(ConsumerRecord<String, byte[]> record) {
        try {
            AlertEvent alert = Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
            counter(alert.getType(), alert.getStatus()).increment();
        } catch (RuntimeException undecodable) {
            // The sink dead-letters such a record; counting it is not this reader's job.
            LOG.debug("Cannot decode alert at offset {}", record.offset(), undecodable);
        }
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
