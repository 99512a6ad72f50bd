package io.llmwatch.sink.silence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.sink.SinkTopics;
import io.llmwatch.sink.state.TopicReplica;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Silences shared by every sink instance through the compacted {@code llmwatch.alerts.silences.v1}:
 * one instance's REST API writes a silence, every instance's {@link SilenceBook} gets it. A silence
 * survives restarts; an expired one stays listed as expired.
 */
public final class SilenceStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SilenceStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SilenceBook book;
    private final Producer<String, String> producer;
    private final InstantSource clock;
    private final TopicReplica replica;

    public SilenceStore(Map<String, Object> clientConfig, Producer<String, String> producer, SilenceBook book, InstantSource clock) {
        this.book = book;
        this.producer = producer;
        this.clock = clock;
        this.replica = TopicReplica.start(clientConfig, SinkTopics.SILENCES.name(), record -> {
            try {
                if (record.value() != null) {
                    book.put(Silence.fromJson(MAPPER.readValue(record.value(), Map.class)));
                }
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.warn("Ignoring unreadable silence {} at offset {}: {}", record.key(), record.offset(), e.getMessage());
            }
        });
    }

    public SilenceBook book() {
        return book;
    }

    /** Stores the silence for every instance; it applies here at once. */
    public void save(Silence silence) {
        try {
            String json = MAPPER.writeValueAsString(silence.toJson(clock.instant()));
            producer.send(new ProducerRecord<>(SinkTopics.SILENCES.name(), silence.id(), json)).get();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write silence " + silence.id(), e);
        } catch (ExecutionException e) {
            throw new KafkaException("Could not store silence " + silence.id(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while storing silence " + silence.id(), e);
        }
        book.put(silence);
    }

    /** Ends the silence now; empty when there is no such silence. */
    public Optional<Silence> expire(String id) {
        Instant now = clock.instant();
        return book.get(id).map(silence -> {
            Silence expired = silence.expiredAt(now);
            save(expired);
            return expired;
        });
    }

    @Override
    public void close() {
        replica.close();
    }
}
