package io.llmwatch.processor.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How many records were ever written to the topics operators watch grow, the dead-letter topic and
 * the late-contributions topic: {@code llmwatch_topic_records_written{topic}}, the sum of their
 * partitions' end offsets. Any instance's value is the cluster's (read them with {@code max}); an
 * increase means new dead letters or late events, whichever instance wrote them and even when a
 * Kafka client's per-topic metrics have not been created yet.
 */
final class TopicRecordCounts implements AutoCloseable {

    static final String METRIC = "llmwatch.topic.records.written";
    private static final Logger LOG = LoggerFactory.getLogger(TopicRecordCounts.class);
    private static final Duration REFRESH = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;
    private final List<String> topics;
    private final Map<String, Long> written = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "llmwatch-topic-metrics");
        thread.setDaemon(true);
        return thread;
    });

    TopicRecordCounts(Map<String, Object> clientConfig, List<String> topics, MeterRegistry registry) {
        this.admin = Admin.create(clientConfig);
        this.topics = List.copyOf(topics);
        for (String topic : topics) {
            written.put(topic, 0L);
            Gauge.builder(METRIC, written, counts -> counts.getOrDefault(topic, 0L))
                    .description("records ever written to the topic (sum of its end offsets)")
                    .tag("topic", topic)
                    .register(registry);
        }
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toSeconds(), TimeUnit.SECONDS);
    }

    private void refresh() {
        try {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> ends = descriptions.values().stream()
                    .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
            Map<String, Long> totals = admin.listOffsets(ends).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .entrySet().stream().collect(Collectors.groupingBy(end -> end.getKey().topic(),
                            Collectors.summingLong(end -> end.getValue().offset())));
            written.putAll(totals);
        } catch (Exception e) {
            LOG.debug("Cannot read the end offsets of {}", topics, e);
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        admin.close(TIMEOUT);
    }
}
