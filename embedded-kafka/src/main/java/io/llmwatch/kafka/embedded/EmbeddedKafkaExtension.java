package io.llmwatch.kafka.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The one JUnit 5 extension every integration test uses. It starts a single embedded broker for
 * the whole test run (stored in the root context, closed when the run ends) and proves it is
 * usable before any test runs: it creates a topic, produces a record and consumes it back.
 *
 * <p>Tests receive the broker as a parameter: {@code @ExtendWith(EmbeddedKafkaExtension.class)}
 * then declare {@code EmbeddedKafkaBroker kafka} in a constructor, lifecycle or test method.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);
    private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public void beforeAll(ExtensionContext context) {
        broker(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker(extensionContext);
    }

    private static EmbeddedKafkaBroker broker(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(StartedBroker.class, key -> new StartedBroker(), StartedBroker.class)
                .broker;
    }

    /** Closed by JUnit when the root context closes, i.e. after the last test of the run. */
    private static final class StartedBroker implements AutoCloseable {
        private final EmbeddedKafkaBroker broker;

        StartedBroker() {
            broker = EmbeddedKafkaBroker.start();
            verifyRoundTrip(broker.bootstrapServers(), "llmwatch.readiness-check");
        }

        @Override
        public void close() {
            broker.close();
        }
    }

    /** Creates {@code topic}, produces one record to it and consumes it back; throws if any step fails. */
    public static void verifyRoundTrip(String bootstrapServers, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("Embedded broker could not create a topic", e);
        }
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "ping", "pong")).get();
        } catch (Exception e) {
            throw new IllegalStateException("Embedded broker could not accept a record", e);
        }
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, topic + ".reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(READINESS_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                for (var record : records) {
                    if ("pong".equals(record.value())) {
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("Embedded broker did not deliver a record back within " + READINESS_TIMEOUT);
    }
}
