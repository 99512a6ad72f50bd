package io.llmwatch.launcher.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How many records of a topic a consumer group has not committed yet, read from the broker
 * ({@code llmwatch_consumer_group_lag{group,topic}}): what the group has left to do, whichever of its
 * members is alive, and without access to the consumer's own client.
 */
public final class ConsumerGroupLag implements AutoCloseable {

    static final String METRIC = "llmwatch.consumer.group.lag";
    private static final Duration REFRESH = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupLag.class);

    private final Admin admin;
    private final String group;
    private final String topic;
    private final AtomicLong lag = new AtomicLong();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "llmwatch-group-lag");
        thread.setDaemon(true);
        return thread;
    });

    public ConsumerGroupLag(Map<String, Object> clientConfig, String group, String topic, MeterRegistry registry) {
        this.admin = Admin.create(clientConfig);
        this.group = group;
        this.topic = topic;
        Gauge.builder(METRIC, lag, AtomicLong::get)
                .description("records of the topic the consumer group has not committed yet")
                .tags("group", group, "topic", topic)
                .register(registry);
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toSeconds(), TimeUnit.SECONDS);
    }

    private void refresh() {
        try {
            Map<TopicPartition, OffsetSpec> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().stream()
                    .map(partition -> new TopicPartition(topic, partition.partition()))
                    .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(partitions).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            lag.set(ends.entrySet().stream().mapToLong(end -> {
                OffsetAndMetadata done = committed.get(end.getKey());
                return Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
            }).sum());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("Cannot read the lag of group {} on {}", group, topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        admin.close(TIMEOUT);
    }
}
