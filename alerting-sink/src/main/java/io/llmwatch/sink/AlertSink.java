package io.llmwatch.sink;

import io.llmwatch.sink.api.SilenceAccess;
import io.llmwatch.sink.api.SilenceApi;
import io.llmwatch.sink.metrics.DeliveryObserver;
import io.llmwatch.sink.metrics.SinkClients;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers every alert of {@code llmwatch.alerts.v1} to its routed destinations, at least once: an
 * alert's offset is committed only after every destination accepted it or it was dead-lettered.
 * A restart does not page twice: PagerDuty de-duplicates by dedup key, and the delivery ledger
 * ({@code llmwatch.alerts.deliveries.v1}) stops a redelivered alert from being sent again to a
 * destination that already took it. Optionally serves the silences REST API.
 */
public final class AlertSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertSink.class);

    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLIENT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** Attempts in progress at shutdown get this long to finish, so what they deliver is committed. */
    private static final Duration DELIVERY_GRACE = Duration.ofSeconds(10);

    private final SinkRuntime runtime;
    private final Consumer<byte[], byte[]> consumer;
    private final AlertConsumerLoop loop;
    private final Optional<SilenceApi> api;
    private final Thread thread;

    public AlertSink(SinkConfig config) {
        this(config, DeliveryObserver.NONE);
    }

    /** @param observer told of every delivery attempt, e.g. to measure delivery latency and retries */
    public AlertSink(SinkConfig config, DeliveryObserver observer) {
        this.runtime = new SinkRuntime(config, observer);
        this.consumer = new KafkaConsumer<>(consumerConfig(config), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.loop = new AlertConsumerLoop(consumer, runtime.core());
        this.api = config.silenceApi().map(address -> SilenceApi.start(address, runtime.silences(), runtime.core(),
                SilenceAccess.of(config.silenceApiAuthentication())));
        // Not a daemon: a process running the sink stays up until close() is called, e.g. from a shutdown hook.
        this.thread = new Thread(this::run, "llmwatch-alert-sink");
        LOG.info("Alert sink configured: {}", config);
    }

    private static Map<String, Object> consumerConfig(SinkConfig config) {
        Map<String, Object> properties = new HashMap<>();
        // A new group starts at the oldest retained alert rather than skipping those raised before the sink first ran.
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Instances keep delivering from the partitions they keep while another instance joins or leaves.
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // A crashed instance's partitions move to the others after 10 s rather than the default 45 s: alerts are urgent.
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        properties.putAll(SinkRuntime.clientConfig(config));
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The processor writes alerts in transactions; an aborted one must never page anyone.
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return properties;
    }

    /** The sink's Kafka clients, for their metrics only. */
    public SinkClients kafkaClients() {
        return new SinkClients(List.of(consumer), runtime.producers());
    }

    /** The port of the silences API, when it runs. */
    public Optional<Integer> apiPort() {
        return api.map(SilenceApi::port);
    }

    /** Starts delivering and consuming on the sink's threads. */
    public void start() {
        runtime.start();
        thread.start();
    }

    private void run() {
        try {
            loop.run();
        } catch (RuntimeException e) {
            LOG.error("Alert sink stopped on an error; alerts not yet committed will be delivered again after a restart", e);
        } finally {
            runtime.stopDelivery(DELIVERY_GRACE);
            try {
                loop.commitSettled();
            } catch (RuntimeException e) {
                LOG.warn("Could not commit on the way out; those alerts will be delivered again (not re-sent where already accepted)", e);
            }
            consumer.close(CloseOptions.timeout(CLIENT_CLOSE_TIMEOUT));
        }
    }

    /**
     * Stops the sink: attempts in progress finish, what is settled is committed, the rest (alerts still
     * waiting in their group, being retried or rate limited) stays uncommitted and is delivered after a
     * restart. If the thread has not stopped within {@code timeout} it is interrupted.
     */
    public void close(Duration timeout) {
        loop.stop();
        api.ifPresent(SilenceApi::close);
        try {
            if (thread.getState() != Thread.State.NEW) {
                thread.join(timeout.toMillis());
                if (thread.isAlive()) {
                    LOG.warn("Alert sink did not stop within {}; interrupting it", timeout);
                    thread.interrupt();
                    thread.join(CLIENT_CLOSE_TIMEOUT.toMillis());
                }
            } else {
                consumer.close(CloseOptions.timeout(CLIENT_CLOSE_TIMEOUT));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            runtime.close();
        }
    }

    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }
}
