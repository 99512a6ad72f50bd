package io.llmwatch.launcher.bench;

import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Reads the span topic once, from the start, as the benchmark goes: to count what arrived, per feature and
 * deduplicated by span id (a replay after an outage may send a span twice), and to give the raw producer
 * exactly the bytes the agent sent in a round.
 */
final class PublishedSpans implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Deserializer<SpanEvent> spans = Topics.SPANS.valueSerde().deserializer();
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** Span ids are 16 hex digits: a long each, so a million of them stay cheap to keep. */
    private final Set<Long> spanIds = new HashSet<>();
    private final Map<String, Long> countByFeature = new HashMap<>();
    /** The feature whose records {@link #take} is collecting, or null. */
    private String collecting;
    private final List<ConsumerRecord<byte[], byte[]>> collected = new ArrayList<>();

    PublishedSpans(String bootstrapServers) {
        consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SPANS.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * The stored records of {@code feature}, which must not have been read yet; reads on until {@code expected}
     * of them arrived or {@code timeout} passed.
     */
    List<ConsumerRecord<byte[], byte[]>> take(String feature, long expected, Duration timeout) {
        collecting = feature;
        collected.clear();
        readUntil(() -> count(feature) >= expected, timeout);
        collecting = null;
        List<ConsumerRecord<byte[], byte[]>> taken = List.copyOf(collected);
        collected.clear();
        return taken;
    }

    /** Distinct spans of every feature read so far, after reading on until {@code expected} arrived or {@code timeout} passed. */
    long total(long expected, Duration timeout) {
        readUntil(() -> spanIds.size() >= expected, timeout);
        return spanIds.size();
    }

    long count(String feature) {
        return countByFeature.getOrDefault(feature, 0L);
    }

    private void readUntil(BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                SpanEvent span = spans.deserialize(record.topic(), record.value());
                if (spanIds.add(Long.parseUnsignedLong(span.getSpanId(), 16))) {
                    String feature = span.getAttribution().getFeature();
                    countByFeature.merge(feature, 1L, Long::sum);
                    if (feature.equals(collecting)) {
                        collected.add(record);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
