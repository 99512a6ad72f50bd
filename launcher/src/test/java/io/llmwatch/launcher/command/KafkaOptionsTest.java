package io.llmwatch.launcher.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaOptionsTest {

    @Command
    static final class Holder {
        @Mixin
        KafkaOptions kafka;
    }

    private static KafkaOptions parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.kafka;
    }

    @Test
    void passesSecuritySettingsThroughFromFileAndCommandLine(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("client.properties");
        Files.writeString(file, """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                bootstrap.servers=ignored:9092
                """);

        KafkaOptions options = parse("--bootstrap-servers", "broker:9093", "--kafka-config", file.toString(),
                "--kafka-property", "sasl.mechanism=PLAIN");

        assertThat(options.bootstrapServers()).isEqualTo("broker:9093");
        assertThat(options.clientProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .doesNotContainKey("bootstrap.servers");
    }

    @Test
    void environmentVariablesSitBetweenTheFileAndTheCommandLine(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("client.properties");
        Files.writeString(file, """
                security.protocol=SSL
                sasl.mechanism=PLAIN
                """);

        KafkaOptions options = parse("--kafka-config", file.toString(), "--kafka-property", "sasl.mechanism=OAUTHBEARER");

        assertThat(options.clientProperties(Map.of(
                "LLMWATCH_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "LLMWATCH_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "LLMWATCH_KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL", "https://idp.example/token",
                "LLMWATCH_KAFKA_", "ignored",
                "LLMWATCH_BOOTSTRAP_SERVERS", "not-a-client-property")))
                .containsOnly(
                        Map.entry("security.protocol", "SASL_SSL"),
                        Map.entry("sasl.mechanism", "OAUTHBEARER"),
                        Map.entry("sasl.oauthbearer.token.endpoint.url", "https://idp.example/token"));
    }

    @Test
    void withoutBootstrapServersMeansEmbedded() {
        assertThat(parse().external()).isFalse();
    }
}
