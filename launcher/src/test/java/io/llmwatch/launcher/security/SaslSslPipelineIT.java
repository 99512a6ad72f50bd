package io.llmwatch.launcher.security;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.llmwatch.agent.Attribution;
import io.llmwatch.agent.LlmCall;
import io.llmwatch.agent.LlmWatch;
import io.llmwatch.agent.TokenUsage;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.SaslSslListener;
import io.llmwatch.launcher.command.KafkaOptions;
import io.llmwatch.launcher.pipeline.Pipeline;
import io.llmwatch.launcher.pipeline.PipelineSettings;
import io.llmwatch.launcher.pipeline.PipelineSettings.ProcessorRole;
import io.llmwatch.launcher.pipeline.PipelineSettings.SinkRole;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import io.llmwatch.sink.SinkTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Every role on a SASL_SSL listener (SCRAM-SHA-512, a certificate generated for this run), each as its own
 * user holding only the ACLs the README lists: agent → processor → sink → webhook works end to end, and a
 * client with a wrong password is refused.
 */
class SaslSslPipelineIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String APPLICATION_ID = "secure-it";
    private static final String SINK_GROUP = "secure-it-sink";

    @TempDir
    static Path directory;
    private static EmbeddedKafkaBroker broker;
    private static final WireMockServer webhook = new WireMockServer(options().dynamicPort());

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.startSecure(SaslSslListener.generate(directory.resolve("tls")));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(Topics.ALL, 2, (short) 1);
            new TopicProvisioner(admin).ensure(SinkTopics.ALL, 1, (short) 1);
            admin.createAcls(RoleAcls.agent("User:agent")).all().get();
            admin.createAcls(RoleAcls.processor("User:processor", APPLICATION_ID)).all().get();
            admin.createAcls(RoleAcls.sink("User:sink", SINK_GROUP)).all().get();
        }
        broker.createScramUser("agent", "agent-secret");
        broker.createScramUser("processor", "processor-secret");
        broker.createScramUser("sink", "sink-secret");
        webhook.start();
        webhook.stubFor(post(urlEqualTo("/alerts")).willReturn(aResponse().withStatus(200)));
    }

    @AfterAll
    static void stopBroker() {
        webhook.stop();
        broker.close();
    }

    @Command
    static final class Cli {
        @Mixin
        KafkaOptions kafka;
    }

    /** The client settings as an operator passes them: a properties file given to {@code --kafka-config}. */
    private static KafkaOptions kafkaOptions(String user, String password) throws IOException {
        Map<String, Object> config = broker.secureClientConfig(user, password);
        Path file = directory.resolve(user + ".properties");
        Files.writeString(file, config.entrySet().stream()
                .filter(entry -> !entry.getKey().equals("bootstrap.servers"))
                .map(entry -> entry.getKey() + "=" + entry.getValue().toString().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n")));
        Cli cli = new Cli();
        new CommandLine(cli).parseArgs("--bootstrap-servers", broker.secureBootstrapServers(), "--kafka-config", file.toString());
        return cli.kafka;
    }

    private static Pipeline start(KafkaOptions kafka, PipelineSettings.Builder roles) {
        return Pipeline.start(roles.kafka(kafka.bootstrapServers(), kafka.clientProperties()).build(),
                new PrintWriter(OutputStream.nullOutputStream(), true));
    }

    @Test
    void agentProcessorAndSinkWorkEndToEndEachWithItsOwnLeastPrivilegeUser() throws Exception {
        try (Pipeline processor = start(kafkaOptions("processor", "processor-secret"), PipelineSettings.builder()
                     .processor(new ProcessorRole(APPLICATION_ID, Optional.of(directory.resolve("state")), 0, "127.0.0.1", 0, "127.0.0.1")));
             Pipeline sink = start(kafkaOptions("sink", "sink-secret"), PipelineSettings.builder()
                     .sink(new SinkRole(SINK_GROUP, Optional.of(URI.create(webhook.baseUrl() + "/alerts")), Optional.empty())));
             LlmWatch agent = LlmWatch.builder()
                     .bootstrapServers(broker.secureBootstrapServers())
                     .producerConfig(kafkaOptions("agent", "agent-secret").clientProperties())
                     .serviceName("secure-it")
                     .build()) {
            // Six calm 10 s buckets of one feature, then a runaway one: the cost-spike detector fires.
            Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofMinutes(30));
            for (int bucket = 0; bucket < 6; bucket++) {
                record(agent, base.plusSeconds(10L * bucket), 10, 1_000);
            }
            record(agent, base.plusSeconds(60), 20, 20_000);
            assertThat(agent.flush(Duration.ofSeconds(30))).isTrue();

            await().atMost(PATIENCE).untilAsserted(() -> webhook.verify(postRequestedFor(urlEqualTo("/alerts"))
                    .withRequestBody(matchingJsonPath("$.dimensionKey", equalTo("secure-feature")))));
            assertThat(agent.counters().sent()).isEqualTo(80);
        }
    }

    private static void record(LlmWatch agent, Instant bucketStart, int calls, long inputTokens) {
        for (int i = 0; i < calls; i++) {
            Instant end = bucketStart.plusMillis(100L * i + 1);
            agent.record(LlmCall.builder()
                    .provider("openai")
                    .requestModel("gpt-4o-mini")
                    .startTime(end.minusMillis(700))
                    .endTime(end)
                    .usage(TokenUsage.of(inputTokens, inputTokens / 5))
                    .attribution(Attribution.builder().tenant("acme").user("u-" + i).feature("secure-feature").build())
                    .build());
        }
    }

    @Test
    void clientWithAWrongPasswordIsRefused() throws Exception {
        Map<String, Object> config = new HashMap<>(kafkaOptions("processor", "not-the-password").clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.secureBootstrapServers());
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get())
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }
}
