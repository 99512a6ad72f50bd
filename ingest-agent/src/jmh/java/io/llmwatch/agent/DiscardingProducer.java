package io.llmwatch.agent;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** Acknowledges every record at once and keeps none, so a benchmark measures the agent, not a broker. */
class DiscardingProducer extends MockProducer<String, byte[]> {

    private static final RecordMetadata ACKNOWLEDGED = new RecordMetadata(new TopicPartition("discarded", 0), 0, 0, 0, 0, 0);

    DiscardingProducer() {
        super(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
        callback.onCompletion(ACKNOWLEDGED, null);
        return CompletableFuture.completedFuture(ACKNOWLEDGED);
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return List.of();
    }
}
