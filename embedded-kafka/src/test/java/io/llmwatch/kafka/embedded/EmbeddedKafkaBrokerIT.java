package io.llmwatch.kafka.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

@ExtendWith(EmbeddedKafkaExtension.class)
class EmbeddedKafkaBrokerIT {

    @Test
    void sharedBrokerIsInjectedAndServesRecords(EmbeddedKafkaBroker kafka) {
        assertThat(kafka.bootstrapServers()).startsWith("localhost:");
        assertThatCode(() -> EmbeddedKafkaExtension.verifyRoundTrip(kafka.bootstrapServers(), "it.round-trip"))
                .doesNotThrowAnyException();
    }

    @Test
    void persistentBrokerKeepsItsTopicsAcrossRestarts(@TempDir Path dataDir) throws Exception {
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(dataDir)) {
            EmbeddedKafkaExtension.verifyRoundTrip(first.bootstrapServers(), "it.persistent");
        }
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(dataDir);
             var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of("bootstrap.servers", second.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains("it.persistent");
        }
    }

    @Test
    void restartedBrokerServesAgainOnTheSamePortWithItsData() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startRestartable()) {
            String bootstrapServers = broker.bootstrapServers();
            EmbeddedKafkaExtension.verifyRoundTrip(bootstrapServers, "it.before-restart");

            broker.stopBroker();
            broker.restartBroker();

            assertThat(broker.bootstrapServers()).isEqualTo(bootstrapServers);
            assertThatCode(() -> EmbeddedKafkaExtension.verifyRoundTrip(bootstrapServers, "it.after-restart"))
                    .doesNotThrowAnyException();
        }
    }
}
