package io.llmwatch.agent;

import io.llmwatch.schemas.feedback.FeedbackEvent;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.Topic;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.Map;

/**
 * A {@link MockProducer} under an {@link LlmWatch}: what the client would have sent to Kafka, decoded.
 * Public so that tests of the agent's other packages (the OTLP sidecar) can record through a real client.
 */
public final class CapturedExport {

    private final MockProducer<String, byte[]> producer;
    private volatile Map<String, Object> producerConfig;

    public CapturedExport() {
        this(new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()));
    }

    /** Captures through {@code producer}, e.g. one that stalls to keep the export queue full. */
    public CapturedExport(MockProducer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** A builder whose client exports into this capture, without a shutdown hook. */
    public LlmWatchBuilder builder() {
        return LlmWatch.builder()
                .bootstrapServers("kafka.invalid:9092")
                .shutdownHook(false)
                .producerFactory(config -> {
                    producerConfig = config;
                    return producer;
                });
    }

    Map<String, Object> producerConfig() {
        return producerConfig;
    }

    MockProducer<String, byte[]> producer() {
        return producer;
    }

    public List<SpanEvent> spans() {
        return decoded(Topics.SPANS);
    }

    List<FeedbackEvent> feedback() {
        return decoded(Topics.FEEDBACK);
    }

    private <V> List<V> decoded(Topic<String, V> topic) {
        return producer.history().stream()
                .filter(record -> record.topic().equals(topic.name()))
                .map(record -> topic.valueSerde().deserializer().deserialize(topic.name(), record.value()))
                .toList();
    }
}
