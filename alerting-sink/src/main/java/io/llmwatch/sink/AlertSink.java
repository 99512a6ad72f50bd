package io.llmwatch.sink;

import io.llmwatch.sink.delivery.AlertDispatcher;
import io.llmwatch.sink.delivery.Backoff;
import io.llmwatch.sink.delivery.DeadLetterPublisher;
import io.llmwatch.sink.delivery.Destination;
import io.llmwatch.sink.webhook.WebhookDestination;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Delivers every alert of {@code llmwatch.alerts.v1} to the configured destinations, at least once,
 * on its own thread: an alert's offset is committed only after every destination accepted it or it
 * was dead-lettered. Redelivery after a restart is harmless downstream
 * because every alert carries a stable dedup key.
 */
public final class AlertSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertSink.class);

    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLIENT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> deadLetterProducer;
    private final AlertConsumerLoop loop;
    private final Thread thread;

    public AlertSink(SinkConfig config) {
        this.deadLetterProducer = new KafkaProducer<>(producerConfig(config), new ByteArraySerializer(), new ByteArraySerializer());
        this.consumer = new KafkaConsumer<>(consumerConfig(config), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<Destination> destinations = config.webhook().<Destination>map(WebhookDestination::new).stream().toList();
        AlertDispatcher dispatcher = new AlertDispatcher(destinations, new Backoff(config.backoff(), RandomGenerator.getDefault()),
                new DeadLetterPublisher(deadLetterProducer), InstantSource.system());
        this.loop = new AlertConsumerLoop(consumer, dispatcher);
        // Not a daemon: a process running the sink stays up until close() is called, e.g. from a shutdown hook.
        this.thread = new Thread(this::run, "llmwatch-alert-sink");
        LOG.info("Alert sink configured: {}", config);
    }

    private static Map<String, Object> consumerConfig(SinkConfig config) {
        Map<String, Object> properties = new HashMap<>();
        // A new group starts at the oldest retained alert rather than skipping those raised before the sink first ran.
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.putAll(config.clientProperties());
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The processor writes alerts in transactions; an aborted one must never page anyone.
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return properties;
    }

    private static Map<String, Object> producerConfig(SinkConfig config) {
        Map<String, Object> properties = new HashMap<>(config.clientProperties());
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return properties;
    }

    /** Starts consuming on the sink's thread. */
    public void start() {
        thread.start();
    }

    private void run() {
        try {
            loop.run();
        } catch (RuntimeException e) {
            LOG.error("Alert sink stopped on an error; alerts not yet committed will be delivered again after a restart", e);
        } finally {
            closeClients();
        }
    }

    /**
     * Stops the sink: the alert in hand finishes its current attempt and, unless settled by it, stays
     * uncommitted. If the thread has not stopped within {@code timeout} it is interrupted.
     */
    public void close(Duration timeout) {
        loop.stop();
        if (thread.getState() == Thread.State.NEW) {
            closeClients();
            return;
        }
        try {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                LOG.warn("Alert sink did not stop within {}; interrupting it", timeout);
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    private void closeClients() {
        consumer.close(CloseOptions.timeout(CLIENT_CLOSE_TIMEOUT));
        deadLetterProducer.close(CLIENT_CLOSE_TIMEOUT);
    }
}
