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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the span topic from the start and keeps the spans of one feature, as stored: to count what
 * arrived, and to give the raw producer exactly the bytes the agent sent.
 */
final class PublishedSpans {

    private static final Duration POLL = Duration.ofMillis(200);

    private PublishedSpans() {
    }

    /** Every stored span of {@code feature}, deduplicated by span id; waits up to {@code timeout} for {@code expected} of them. */
    static List<ConsumerRecord<byte[], byte[]>> of(String bootstrapServers, String feature, long expected, Duration timeout) {
        Deserializer<SpanEvent> spans = Topics.SPANS.valueSerde().deserializer();
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        Set<String> spanIds = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SPANS.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    SpanEvent span = spans.deserialize(record.topic(), record.value());
                    if (feature.equals(span.getAttribution().getFeature()) && spanIds.add(span.getSpanId())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }
}
