package io.llmwatch.processor;

import io.llmwatch.processor.trace.TraceStoreRocksDbOptions;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** The Kafka Streams configuration llmwatch runs with, kept apart from the topology it runs. */
public final class StreamsConfiguration {

    /**
     * One produce request in flight per broker. With several, a transactional producer writing to a
     * partition created moments before can have its first batch refused and every later one rejected
     * as out of sequence, stalling the task (KAFKA-15591); llmwatch creates its topics at start, so
     * it meets exactly that. Batching still fills each request.
     */
    public static final Map<String, Object> PRODUCER_SAFETY =
            Map.of(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);

    /**
     * How much one fetch may bring of one partition. Kafka's 1 MiB starved the partition of the detection
     * repartition that holds the hottest keys (the global spend, which every call counts for, and the busiest
     * prompts): in {@code ./llmwatch bench detection} it received about 1.7 MB/s, the others 0.5 to 1, and under
     * exactly-once a commit makes the batches of half a second readable at once. At 1 MiB a fetch, catching up
     * took several fetches, and that one task fell tens of seconds behind in some runs while the others kept up
     * (one run logged its lag: 20 s, the others' 2 to 4 s). The consumer's total per fetch stays bounded by
     * {@code fetch.max.bytes}.
     */
    static final int MAX_PARTITION_FETCH_BYTES = 8 * 1024 * 1024;

    /**
     * Throughput settings every llmwatch application runs with (the benchmark applies them to all three
     * topologies it compares). Under exactly-once each commit is a transaction and each commit interval
     * writes one changelog record per dirty key, so committing every 500 ms instead of Kafka Streams'
     * 100 ms cuts transactions fivefold and lets the store caches fold many updates of a key into one record;
     * the caches get room for the distinct keys of an interval. The interval is also what a detector waits,
     * on average half of it, before the calls batched for it on the other side of a repartition are
     * committed and readable: at 1 s the alerts of {@code ./llmwatch bench detection} took up to 2.4 s.
     * Producer batches are larger and lz4-compressed, since changelog and repartition records are small
     * and many. The trace store's RocksDB answers lookups of new traces from bloom filters
     * ({@link TraceStoreRocksDbOptions}).
     */
    public static final Map<String, Object> THROUGHPUT = Map.of(
            StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, TraceStoreRocksDbOptions.class,
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 500,
            StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024,
            StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024,
            StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 20,
            StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4",
            StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), MAX_PARTITION_FETCH_BYTES);

    /**
     * One stream thread per core: a stream thread runs its tasks one record at a time, so an instance with one
     * thread uses one core however many it has. Tasks (one per input partition) are shared out among the threads.
     */
    public static final Map<String, Object> ONE_THREAD_PER_CORE =
            Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Runtime.getRuntime().availableProcessors());

    private StreamsConfiguration() {
    }

    /**
     * @param advertisedApiAddress {@code host:port} other instances use to reach this one's query API
     */
    static Properties of(ProcessorSettings settings, String advertisedApiAddress) {
        // Client properties (security, tuning) may override the throughput and thread defaults, nothing below them.
        Map<String, Object> config = new HashMap<>(THROUGHPUT);
        config.putAll(ONE_THREAD_PER_CORE);
        config.putAll(settings.clientProperties());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDirectory().toAbsolutePath().toString());
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedApiAddress);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // A record that cannot be decoded or processed is dead-lettered with the reason in its
        // headers (KIP-1034) and processing goes on: one bad producer must not stop attribution.
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        config.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DLQ.name());
        config.putAll(PRODUCER_SAFETY);
        Properties properties = new Properties();
        properties.putAll(config);
        return properties;
    }
}
