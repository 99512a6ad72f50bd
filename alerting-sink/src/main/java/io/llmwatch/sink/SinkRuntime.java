package io.llmwatch.sink;

import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.sink.delivery.Backoff;
import io.llmwatch.sink.delivery.DeadLetterPublisher;
import io.llmwatch.sink.delivery.DeliveryCore;
import io.llmwatch.sink.delivery.Destination;
import io.llmwatch.sink.ledger.KafkaDeliveryLedger;
import io.llmwatch.sink.metrics.DeliveryObserver;
import io.llmwatch.sink.metrics.ObservedDestination;
import io.llmwatch.sink.pagerduty.PagerDutyDestination;
import io.llmwatch.sink.routing.RouteTable;
import io.llmwatch.sink.silence.SilenceBook;
import io.llmwatch.sink.silence.SilenceStore;
import io.llmwatch.sink.slack.SlackDestination;
import io.llmwatch.sink.webhook.WebhookDestination;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What the standalone sink and the Kafka Connect task share: the destinations, the delivery core, the
 * delivery ledger, the silences and the producers behind them, built from one {@link SinkConfig} and
 * closed together.
 */
public final class SinkRuntime implements AutoCloseable {

    private static final Duration CLIENT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<byte[], byte[]> deadLetterProducer;
    private final Producer<String, String> stateProducer;
    private final KafkaDeliveryLedger ledger;
    private final SilenceStore silences;
    private final DeliveryCore core;

    public SinkRuntime(SinkConfig config) {
        this(config, DeliveryObserver.NONE);
    }

    /** @param observer told of every delivery attempt, e.g. to measure delivery latency and retries */
    public SinkRuntime(SinkConfig config, DeliveryObserver observer) {
        Map<String, Object> clientConfig = clientConfig(config);
        provisionStateTopics(clientConfig);
        List<Destination> destinations = destinations(config).stream()
                .map(destination -> ObservedDestination.of(destination, observer)).toList();
        RouteTable routes = config.routes().orElseGet(() -> RouteTable.everythingTo(
                new LinkedHashSet<>(destinations.stream().map(Destination::name).toList())));
        this.deadLetterProducer = new KafkaProducer<>(producerConfig(clientConfig), new ByteArraySerializer(), new ByteArraySerializer());
        this.stateProducer = new KafkaProducer<>(producerConfig(clientConfig), new StringSerializer(), new StringSerializer());
        try {
            this.ledger = new KafkaDeliveryLedger(clientConfig, stateProducer, InstantSource.system());
            this.silences = new SilenceStore(clientConfig, stateProducer, new SilenceBook(), InstantSource.system());
            this.core = new DeliveryCore(destinations, routes, silences.book(), ledger, new DeadLetterPublisher(deadLetterProducer),
                    new Backoff(config.backoff(), RandomGenerator.getDefault()), InstantSource.system());
        } catch (RuntimeException e) {
            deadLetterProducer.close(Duration.ZERO);
            stateProducer.close(Duration.ZERO);
            throw e;
        }
    }

    /** The configured destinations, in a fixed order: PagerDuty, Slack, webhook. */
    public static List<Destination> destinations(SinkConfig config) {
        List<Destination> destinations = new ArrayList<>();
        config.pagerDuty().ifPresent(settings -> destinations.add(new PagerDutyDestination(settings, config.links())));
        config.slack().ifPresent(settings -> destinations.add(new SlackDestination(settings, config.links())));
        config.webhook().ifPresent(settings -> destinations.add(new WebhookDestination(settings)));
        return destinations;
    }

    static Map<String, Object> clientConfig(SinkConfig config) {
        Map<String, Object> clientConfig = new HashMap<>(config.clientProperties());
        clientConfig.put("bootstrap.servers", config.bootstrapServers());
        return clientConfig;
    }

    private static Map<String, Object> producerConfig(Map<String, Object> clientConfig) {
        Map<String, Object> properties = new HashMap<>(clientConfig);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return properties;
    }

    /** One partition each: they are small, and one partition keeps every update to a key in order. */
    private static void provisionStateTopics(Map<String, Object> clientConfig) {
        try (Admin admin = Admin.create(clientConfig)) {
            new TopicProvisioner(admin).ensure(SinkTopics.ALL, 1, TopicProvisioner.BROKER_DEFAULT_REPLICATION);
        }
    }

    public DeliveryCore core() {
        return core;
    }

    public SilenceStore silences() {
        return silences;
    }

    /** The producers this runtime owns, for their metrics only (see {@link io.llmwatch.sink.metrics.SinkClients}). */
    public List<Producer<?, ?>> producers() {
        return List.of(deadLetterProducer, stateProducer);
    }

    public void start() {
        core.start();
    }

    /** Stops delivery after the attempts in progress; then nothing is committed any more, so close the consumer side first. */
    public void stopDelivery(Duration timeout) {
        core.close(timeout);
    }

    @Override
    public void close() {
        core.close(Duration.ZERO);
        silences.close();
        ledger.close();
        stateProducer.close(CLIENT_CLOSE_TIMEOUT);
        deadLetterProducer.close(CLIENT_CLOSE_TIMEOUT);
    }
}
