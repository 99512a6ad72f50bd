package io.llmwatch.sink;

import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The alerts topic and its dead-letter topic on the embedded broker, as sink integration tests use them. */
public final class AlertsTopic implements AutoCloseable {

    public static final int PARTITIONS = 3;

    private final EmbeddedKafkaBroker kafka;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;

    public AlertsTopic(EmbeddedKafkaBroker kafka) {
        this.kafka = kafka;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        new TopicProvisioner(admin).ensure(Topics.ALL, PARTITIONS, (short) 1);
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    public RecordMetadata produce(AlertEvent alert) throws Exception {
        return produce(alert.getDedupKey(), encode(alert));
    }

    public RecordMetadata produce(String key, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(Topics.ALERTS.name(), key, value)).get();
    }

    public static byte[] encode(AlertEvent alert) {
        return Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert);
    }

    /**
     * Every test of a run shares the alerts topic; committing a fresh group at the current end keeps its
     * sink from delivering what earlier tests produced.
     */
    public void startGroupAtEnd(String groupId) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> ends = ends(Topics.ALERTS.name()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, end -> new OffsetAndMetadata(end.getValue())));
        admin.alterConsumerGroupOffsets(groupId, ends).all().get();
    }

    /** The group's committed offset of the partition the record went to; -1 if none. */
    public long committedOffset(String groupId, RecordMetadata record) throws Exception {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get()
                .get(new TopicPartition(record.topic(), record.partition()));
        return committed == null ? -1 : committed.offset();
    }

    /** Whether the group has committed past every one of these records. */
    public boolean committedPast(String groupId, List<RecordMetadata> records) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        return records.stream().allMatch(record -> {
            OffsetAndMetadata offset = committed.get(new TopicPartition(record.topic(), record.partition()));
            return offset != null && offset.offset() > record.offset();
        });
    }

    /** Everything in the alerts DLQ so far, read from the start without a consumer group. */
    public List<ConsumerRecord<byte[], byte[]>> deadLetters() throws Exception {
        Map<TopicPartition, Long> ends = ends(Topics.ALERTS_DLQ.name());
        List<TopicPartition> partitions = List.copyOf(ends.keySet());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private Map<TopicPartition, Long> ends(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get()
                .get(topic).partitions().stream()
                .map(partition -> new TopicPartition(topic, partition.partition()))
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, end -> end.getValue().offset()));
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
