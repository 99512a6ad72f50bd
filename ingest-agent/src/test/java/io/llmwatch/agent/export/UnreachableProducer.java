package io.llmwatch.agent.export;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * A producer whose broker is unreachable until {@link #reconnect()}: like a {@code KafkaProducer} with
 * {@code max.block.ms=0} and no metadata, it refuses each send at once through the callback, and answers
 * metadata requests with a timeout.
 */
final class UnreachableProducer extends MockProducer<String, byte[]> {

    private volatile boolean reachable;

    UnreachableProducer() {
        super(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    void reconnect() {
        reachable = true;
    }

    void disconnect() {
        reachable = false;
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
        if (reachable) {
            return super.send(record, callback);
        }
        TimeoutException refusal = new TimeoutException("Topic " + record.topic() + " not present in metadata after 0 ms.");
        callback.onCompletion(null, refusal);
        return CompletableFuture.failedFuture(refusal);
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        if (!reachable) {
            throw new TimeoutException("Topic " + topic + " not present in metadata after 0 ms.");
        }
        return super.partitionsFor(topic);
    }
}
