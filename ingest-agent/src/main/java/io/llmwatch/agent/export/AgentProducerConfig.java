package io.llmwatch.agent.export;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/** The settings of the export worker's producer, tuned for many small events from inside someone else's JVM. */
public final class AgentProducerConfig {

    /** Long enough to batch a burst of spans, short enough that nobody waits for telemetry. */
    public static final int LINGER_MS = 5;

    /** Encoded spans are around a kilobyte; 64 KiB batches compress well with lz4. */
    public static final int BATCH_SIZE_BYTES = 64 * 1024;

    /** The producer's share of the host application's heap; Kafka's default of 32 MiB is generous for an agent. */
    public static final long BUFFER_MEMORY_BYTES = 16L * 1024 * 1024;

    /**
     * One produce request in flight per broker, so a retried batch can never be overtaken by a later one.
     * With more, a batch that meets NOT_LEADER_OR_FOLLOWER on a partition created moments before (the demo
     * does exactly that) is retried behind its successor and spins on OUT_OF_ORDER_SEQUENCE_NUMBER until
     * {@code delivery.timeout.ms} drops it (KAFKA-15591). One request carries batches for every partition
     * the broker leads, which is ample for an agent's volume.
     */
    public static final int MAX_IN_FLIGHT_REQUESTS = 1;

    /**
     * The export worker must never wait inside the producer: without metadata or buffer space {@code send}
     * fails at once, and the worker keeps the event (spooling it, if it can) instead of stalling the queue.
     */
    public static final int MAX_BLOCK_MS = 0;

    /**
     * Events handed to the producer are retried until the broker takes them or the client closes: an outage
     * must not turn them into failures after two minutes (Kafka's default) while newer events wait safely in
     * the spool. Close gives back what is still unsent, and the worker spools it.
     */
    public static final int DELIVERY_TIMEOUT_MS = Integer.MAX_VALUE;

    /**
     * The share of {@code buffer.memory} the worker fills with unacknowledged events before it spools: the
     * rest absorbs the partially filled batches of every partition, so {@code send} never finds the buffer full.
     */
    private static final int IN_FLIGHT_SHARE_OF_BUFFER = 2;

    private AgentProducerConfig() {
    }

    /**
     * The agent's producer config: idempotent with {@code acks=all} (a retry never duplicates a span),
     * lz4 (cheap on the app's CPU), short linger, never blocking, retrying until close. {@code overrides}
     * come last so operators can tune anything, security settings included.
     */
    public static Map<String, Object> build(String bootstrapServers, String clientId, Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE_BYTES);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, BUFFER_MEMORY_BYTES);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, MAX_IN_FLIGHT_REQUESTS);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        config.putAll(overrides);
        return config;
    }

    /** The bytes of unacknowledged events the worker leaves in a producer built from {@code config}. */
    public static long inFlightBytes(Map<String, Object> config) {
        Object bufferMemory = config.get(ProducerConfig.BUFFER_MEMORY_CONFIG);
        long bytes = bufferMemory instanceof Number number ? number.longValue() : Long.parseLong(bufferMemory.toString().strip());
        return Math.max(1, bytes / IN_FLIGHT_SHARE_OF_BUFFER);
    }

    /** Values arrive already encoded by the worker, so the producer only moves bytes. */
    public static Producer<String, byte[]> newProducer(Map<String, Object> config) {
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
}
