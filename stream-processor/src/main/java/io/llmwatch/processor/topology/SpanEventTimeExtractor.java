package io.llmwatch.processor.topology;

import io.llmwatch.schemas.span.SpanEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a span is when it ended (that is when its cost was incurred), not when Kafka
 * received it: an agent that spooled events through a broker outage must not move them in time.
 */
public final class SpanEventTimeExtractor implements TimestampExtractor {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof SpanEvent span && span.getEndTimeUnixNano() > 0) {
            return span.getEndTimeUnixNano() / NANOS_PER_MILLI;
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
