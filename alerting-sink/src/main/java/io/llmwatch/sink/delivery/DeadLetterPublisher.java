package io.llmwatch.sink.delivery;

import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

/**
 * Writes alert records that cannot be delivered to {@code llmwatch.alerts.dlq.v1}, byte for byte as
 * they arrived (key, value and headers), plus headers saying why: {@value #DESTINATION_HEADER} (absent
 * when the record could not even be decoded), {@value #REASON_HEADER}, and where the record came from.
 * Header values are UTF-8 text, numbers in decimal, so the console consumer shows them as they are.
 */
public final class DeadLetterPublisher {

    public static final String DESTINATION_HEADER = "destination";
    public static final String REASON_HEADER = "reason";
    public static final String ORIGINAL_TOPIC_HEADER = "original.topic";
    public static final String ORIGINAL_PARTITION_HEADER = "original.partition";
    public static final String ORIGINAL_OFFSET_HEADER = "original.offset";

    private final Producer<byte[], byte[]> producer;

    public DeadLetterPublisher(Producer<byte[], byte[]> producer) {
        this.producer = Objects.requireNonNull(producer, "producer");
    }

    /** Dead-letters an alert that {@code destination} refused for good. */
    public void publishRefused(ConsumerRecord<byte[], byte[]> record, String destination, String reason) {
        Headers headers = headersOf(record, reason);
        headers.add(DESTINATION_HEADER, utf8(destination));
        publish(record, headers);
    }

    /** Dead-letters a record that is not a readable alert. */
    public void publishUndecodable(ConsumerRecord<byte[], byte[]> record, String reason) {
        publish(record, headersOf(record, reason));
    }

    private static Headers headersOf(ConsumerRecord<byte[], byte[]> record, String reason) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON_HEADER, utf8(reason));
        headers.add(ORIGINAL_TOPIC_HEADER, utf8(record.topic()));
        headers.add(ORIGINAL_PARTITION_HEADER, utf8(Integer.toString(record.partition())));
        headers.add(ORIGINAL_OFFSET_HEADER, utf8(Long.toString(record.offset())));
        return headers;
    }

    /**
     * Waits until the broker has the dead letter, because the caller commits the original offset
     * right after. The wait is bounded by the producer's {@code delivery.timeout.ms}.
     */
    private void publish(ConsumerRecord<byte[], byte[]> record, Headers headers) {
        try {
            producer.send(new ProducerRecord<>(Topics.ALERTS_DLQ.name(), null, record.key(), record.value(), headers)).get();
        } catch (ExecutionException e) {
            throw new KafkaException("Could not dead-letter offset " + record.offset() + " of " + record.topic()
                    + "-" + record.partition(), e.getCause());
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
