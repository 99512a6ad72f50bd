package io.llmwatch.sink.delivery;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One record of the alerts topic and how many destinations still owe it an answer. It is settled,
 * and its offset may be committed, once each of them accepted the alert or it was dead-lettered.
 */
public final class PendingRecord {

    private final ConsumerRecord<byte[], byte[]> record;
    private final AtomicInteger outstanding = new AtomicInteger();

    PendingRecord(ConsumerRecord<byte[], byte[]> record) {
        this.record = record;
    }

    public ConsumerRecord<byte[], byte[]> record() {
        return record;
    }

    void expect(int destinations) {
        outstanding.addAndGet(destinations);
    }

    void settleOne() {
        outstanding.decrementAndGet();
    }

    boolean settled() {
        return outstanding.get() <= 0;
    }
}
