package io.llmwatch.kafka.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecureEmbeddedKafkaBrokerIT {

    private static final String TOPIC = "it.secure";

    @TempDir
    static Path certificates;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.startSecure(SaslSslListener.generate(certificates));
        broker.createScramUser("writer", "writer-secret");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1), new NewTopic(TOPIC + ".other", 1, (short) 1))).all().get();
            admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, TOPIC, PatternType.LITERAL),
                    new AccessControlEntry("User:writer", "*", AclOperation.WRITE, AclPermissionType.ALLOW)))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    @Test
    void scramUserWritesOverTlsWhereAnAclAllowsIt() throws Exception {
        assertThat(broker.secureBootstrapServers()).isNotEqualTo(broker.bootstrapServers());
        try (var producer = producer(broker.secureClientConfig("writer", "writer-secret"))) {
            assertThat(producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get().offset()).isZero();
        }
    }

    @Test
    void scramUserIsDeniedATopicNoAclGrants() {
        try (var producer = producer(broker.secureClientConfig("writer", "writer-secret"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC + ".other", "k", "v")).get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        try (var producer = producer(broker.secureClientConfig("writer", "not-the-password"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get())
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }
}
