package io.llmwatch.launcher.bench;

import io.llmwatch.launcher.bench.PublishedRound.PublishedRecord;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Reads the span topic once, from the start, as the benchmark goes: to count what arrived, per feature and
 * deduplicated by span id (a replay after an outage may send a span twice), and to give the raw producer a
 * sample of the records the agent sent in a round, bytes for bytes.
 */
final class PublishedSpans implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * Records of a round kept for the raw producer. Records land on partitions by random trace id, so the
     * first ones read are a uniform sample of the round's sizes. Keeping all of them (a million, hundreds of
     * megabytes) would have the garbage collector copying and marking them while both sides are measured.
     */
    static final int SAMPLE_SIZE = 1 << 16;

    private final Deserializer<SpanEvent> spans = Topics.SPANS.valueSerde().deserializer();
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** Span ids are 16 hex digits: a long each. */
    private final SpanIdSet spanIds = new SpanIdSet();
    private final Map<String, Long> countByFeature = new HashMap<>();
    /** The feature whose records {@link #take} is collecting, or null. */
    private String collecting;
    private long collectedBytes;
    private final List<PublishedRecord> collected = new ArrayList<>();

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
     * The stored records of {@code feature}, which must not have been read yet: their bytes, and the first
     * {@link #SAMPLE_SIZE} of them. Reads on until {@code expected} arrived or {@code timeout} passed.
     */
    PublishedRound take(String feature, long expected, Duration timeout) {
        collecting = feature;
        collectedBytes = 0;
        collected.clear();
        readUntil(() -> count(feature) >= expected, timeout);
        collecting = null;
        PublishedRound round = new PublishedRound(collectedBytes, List.copyOf(collected));
        collected.clear();
        return round;
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
                        collect(record);
                    }
                }
            }
        }
    }

    private void collect(ConsumerRecord<byte[], byte[]> record) {
        collectedBytes += record.value().length;
        if (collected.size() < SAMPLE_SIZE) {
            collected.add(new PublishedRecord(new String(record.key(), StandardCharsets.UTF_8), record.value()));
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
