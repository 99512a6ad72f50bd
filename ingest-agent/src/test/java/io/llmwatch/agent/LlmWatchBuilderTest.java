package io.llmwatch.agent;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmWatchBuilderTest {

    private final CapturedExport kafka = new CapturedExport();
    private LlmWatch watch;

    @AfterEach
    void closeClient() {
        if (watch != null) {
            watch.close(Duration.ZERO);
        }
    }

    @Test
    void bootstrapServersAreRequiredAndTheErrorNamesTheVariable() {
        assertThatThrownBy(() -> LlmWatch.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LLMWATCH_BOOTSTRAP_SERVERS");
    }

    @Test
    void settingsOutOfRangeAreRejectedWhenSet() {
        LlmWatchBuilder builder = LlmWatch.builder();

        assertThatThrownBy(() -> builder.queueCapacity(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.closeTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.serviceName(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.bootstrapServers(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.redactPattern("order_id", "ORD-(")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.redactPattern(" ", "ORD-\\d+")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProducerIsIdempotentCompressedAndTunableByOverrides() {
        watch = kafka.builder()
                .serviceName("helpdesk")
                .producerConfig(Map.of(ProducerConfig.LINGER_MS_CONFIG, 20, "security.protocol", "SSL"))
                .build();

        assertThat(kafka.producerConfig())
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka.invalid:9092")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20)
                .containsEntry("security.protocol", "SSL");
        assertThat((String) kafka.producerConfig().get(ProducerConfig.CLIENT_ID_CONFIG)).startsWith("llmwatch-agent-helpdesk-");
    }

    @Test
    void handsTheProducerItSendsWithToTheMetricsBinderOnce() {
        List<Producer<?, ?>> bound = new ArrayList<>();

        watch = kafka.builder().producerMetrics(bound::add).build();

        assertThat(bound).containsExactly(kafka.producer());
    }

    @Test
    void environmentVariablesConfigureTheClient() {
        watch = kafka.builder()
                .applyEnvironment(Map.of(
                        "LLMWATCH_BOOTSTRAP_SERVERS", "broker-1:9092,broker-2:9092",
                        "LLMWATCH_SERVICE_NAME", "helpdesk",
                        "LLMWATCH_ENVIRONMENT", "staging",
                        "LLMWATCH_QUEUE_CAPACITY", "512",
                        "LLMWATCH_PRODUCER_SECURITY_PROTOCOL", "SASL_SSL",
                        "PATH", "/usr/bin"))
                .build();

        assertThat(kafka.producerConfig())
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-1:9092,broker-2:9092")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(watch.counters().queueCapacity()).isEqualTo(512);
        watch.record(LlmCall.builder().requestModel("gpt-4o").build());
        watch.flush(Duration.ofSeconds(5));
        assertThat(kafka.spans()).singleElement().satisfies(span -> {
            assertThat(span.getAttribution().getService()).isEqualTo("helpdesk");
            assertThat(span.getAttribution().getEnvironment()).isEqualTo("staging");
        });
    }

    @Test
    void propertiesConfigureTheClientLikeTheirEnvironmentVariables() {
        Properties properties = new Properties();
        properties.setProperty("llmwatch.bootstrap.servers", "broker-1:9092");
        properties.setProperty("llmwatch.queue.capacity", "64");
        properties.setProperty("llmwatch.capture.content", "true");
        properties.setProperty("llmwatch.producer.sasl.mechanism", "PLAIN");

        watch = kafka.builder().applyProperties(properties).build();

        assertThat(kafka.producerConfig())
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-1:9092")
                .containsEntry("sasl.mechanism", "PLAIN");
        assertThat(watch.counters().queueCapacity()).isEqualTo(64);
        watch.record(LlmCall.builder().promptText("hello").build());
        watch.flush(Duration.ofSeconds(5));
        assertThat(kafka.spans().get(0).getContent().getPromptText()).isEqualTo("hello");
    }

    @Test
    void aMalformedSettingIsReportedByItsName() {
        LlmWatchBuilder builder = LlmWatch.builder();

        assertThatThrownBy(() -> builder.applyEnvironment(Map.of("LLMWATCH_QUEUE_CAPACITY", "lots")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LLMWATCH_QUEUE_CAPACITY");
        assertThatThrownBy(() -> builder.applyEnvironment(Map.of("LLMWATCH_CAPTURE_CONTENT", "yes please")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("llmwatch.capture.content");
    }

    @Test
    void aMissingPropertiesFileIsReportedWithItsPath(@TempDir Path directory) {
        Path missing = directory.resolve("llmwatch.properties");

        assertThatThrownBy(() -> LlmWatch.fromProperties(missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missing.toString());
    }
}
