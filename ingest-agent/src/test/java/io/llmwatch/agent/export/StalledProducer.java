package io.llmwatch.agent.export;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;

/** A producer whose sends and flushes wait until the test releases them, as if the broker were unreachable. */
final class StalledProducer extends MockProducer<String, byte[]> {

    private final CountDownLatch released = new CountDownLatch(1);

    StalledProducer() {
        super(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    void release() {
        released.countDown();
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
        awaitRelease();
        return super.send(record, callback);
    }

    @Override
    public void flush() {
        awaitRelease();
        super.flush();
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
