package io.llmwatch.launcher.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.SaslSslListener;
import io.llmwatch.launcher.LlmWatchCli;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A demo-like run (processor, sink, OTLP sidecar and simulated traffic with its cost-spike incident) on a
 * SASL_SSL broker, with every kind of secret configured the way operators pass them (files, a Kafka client
 * properties file) and the Slack endpoint failing so error paths log too. Everything llmwatch logs or
 * prints, and what its HTTP endpoints serve, must contain none of the secrets.
 */
class SecretsStayOutOfLogsIT {

    private static final Pattern API_ADDRESS = Pattern.compile("Processor query API: (http://\\S+)/api/health");
    private static final Pattern SILENCES_ADDRESS = Pattern.compile("Sink silences API: (http://\\S+/api/silences)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WireMockServer destinations = new WireMockServer(options().dynamicPort());
    private final StringBuilder logs = new StringBuilder();
    private final CapturingAppender appender = new CapturingAppender();
    private EmbeddedKafkaBroker broker;
    private Level rootLevel;

    /** Every event llmwatch's and its libraries' loggers emit, formatted with its stack trace. */
    private final class CapturingAppender extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLoggerName().startsWith("com.github.tomakehurst") || event.getLoggerName().startsWith("wiremock")) {
                return; // the test's fake Slack and PagerDuty, not llmwatch
            }
            String line = event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy()));
            synchronized (logs) {
                logs.append(line).append('\n');
            }
        }
    }

    @AfterEach
    void stop() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        destinations.stop();
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void noSecretAppearsInLogsOutputOrEndpoints(@TempDir Path directory) throws Exception {
        String kafkaPassword = "kafka-pw-" + UUID.randomUUID();
        String webhookSecret = "hmac-" + UUID.randomUUID();
        String slackToken = "slack" + UUID.randomUUID().toString().replace("-", "");
        String pagerDutyKey = "pdkey" + UUID.randomUUID().toString().replace("-", "");
        String apiToken = "api-" + UUID.randomUUID();
        destinations.start();
        destinations.stubFor(any(urlPathEqualTo("/services/T0/B0/" + slackToken)).willReturn(aResponse().withStatus(500)));
        destinations.stubFor(any(urlPathEqualTo("/pagerduty")).willReturn(aResponse().withStatus(202).withBody("{\"status\":\"success\"}")));
        destinations.stubFor(any(urlPathEqualTo("/webhook")).willReturn(aResponse().withStatus(200)));
        String slackUrl = destinations.baseUrl() + "/services/T0/B0/" + slackToken;

        broker = EmbeddedKafkaBroker.startSecure(SaslSslListener.generate(directory.resolve("tls")));
        broker.createScramUser("ops", kafkaPassword);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createAcls(operatorAcls("User:ops")).all().get();
        }
        Path kafkaConfig = write(directory, "client.properties", broker.secureClientConfig("ops", kafkaPassword).entrySet().stream()
                .filter(entry -> !entry.getKey().equals("bootstrap.servers"))
                .map(entry -> entry.getKey() + "=" + entry.getValue().toString().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n")));
        List<String> secrets = List.of(kafkaPassword, webhookSecret, slackToken, slackUrl, pagerDutyKey, apiToken);

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
        rootLevel = root.getLevel();
        root.setLevel(Level.INFO);

        Path webhookSecretFile = write(directory, "webhook-secret", webhookSecret + "\n");
        Path slackFile = write(directory, "slack", slackUrl);
        Path pagerDutyFile = write(directory, "pagerduty", pagerDutyKey);
        Path apiTokens = write(directory, "api-tokens.json", "[{\"token\": \"" + apiToken + "\", \"role\": \"analyst\"}]");
        StringWriter output = new StringWriter();
        CommandLine up = cli(output);
        CommandLine simulate = cli(output);
        CompletableFuture<Integer> upExit = CompletableFuture.supplyAsync(() -> up.execute("up",
                "--bootstrap-servers", broker.secureBootstrapServers(), "--kafka-config", kafkaConfig.toString(),
                "--http-port", "0", "--otlp-port", "0", "--sink-api-port", "0", "--metrics-port", "0", "--duration", "50s",
                "--api-tokens", apiTokens.toString(),
                "--webhook-url", destinations.baseUrl() + "/webhook",
                "--webhook-secret-file", webhookSecretFile.toString(),
                "--slack-webhook-file", slackFile.toString(),
                "--pagerduty-routing-key-file", pagerDutyFile.toString(),
                "--pagerduty-url", destinations.baseUrl() + "/pagerduty"));
        CompletableFuture<Integer> simulateExit = CompletableFuture.supplyAsync(() -> simulate.execute("simulate",
                "--bootstrap-servers", broker.secureBootstrapServers(), "--kafka-config", kafkaConfig.toString(),
                "--incident-after", "10s", "--duration", "40s"));

        String api = await().atMost(Duration.ofSeconds(60)).until(() -> {
            Matcher matcher = API_ADDRESS.matcher(text(output));
            return matcher.find() ? matcher.group(1) : null;
        }, address -> address != null);
        // The secrets were used: each destination was called (Slack failing, so its error path ran as well).
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            destinations.verify(anyRequestedFor(urlPathEqualTo("/webhook")));
            destinations.verify(anyRequestedFor(urlPathEqualTo("/pagerduty")));
            destinations.verify(anyRequestedFor(urlPathEqualTo("/services/T0/B0/" + slackToken)));
        });
        List<String> served = new ArrayList<>();
        for (String path : List.of("/metrics", "/api/health", "/api/alerts", "/api/openapi")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api + path))
                    .header("Authorization", "Bearer " + apiToken).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            served.add(response.body());
        }
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(api + "/api/alerts")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        // The sink's silences API takes the same tokens file, so it was given (and logs about) the token too.
        Matcher silencesAddress = SILENCES_ADDRESS.matcher(text(output));
        assertThat(silencesAddress.find()).isTrue();
        URI silences = URI.create(silencesAddress.group(1));
        HttpResponse<String> listed = HTTP.send(HttpRequest.newBuilder(silences).header("Authorization", "Bearer " + apiToken).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).isEqualTo(200);
        served.add(listed.body());
        assertThat(HTTP.send(HttpRequest.newBuilder(silences).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

        assertThat(simulateExit.get()).isZero();
        assertThat(upExit.get()).isZero();
        String everything = text(output) + "\n" + logs() + "\n" + String.join("\n", served);
        // The capture saw the clients' config dumps, which is where a JAAS password would show if Kafka printed it.
        assertThat(logs()).contains("sasl.jaas.config = [hidden]");
        for (String secret : secrets) {
            assertThat(everything).as("a secret ending in " + secret.substring(secret.length() - 4)).doesNotContain(secret);
        }
    }

    /** The operator's identity for this run: every llmwatch topic, group and transactional id. */
    private static List<AclBinding> operatorAcls(String principal) {
        List<AclBinding> acls = new ArrayList<>();
        for (ResourceType type : List.of(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID)) {
            acls.add(new AclBinding(new ResourcePattern(type, "llmwatch", PatternType.PREFIXED),
                    new AccessControlEntry(principal, "*", AclOperation.ALL, AclPermissionType.ALLOW)));
        }
        return acls;
    }

    private static CommandLine cli(StringWriter output) {
        CommandLine cli = LlmWatchCli.commandLine();
        PrintWriter writer = new PrintWriter(output, true);
        cli.setOut(writer);
        cli.setErr(writer);
        return cli;
    }

    private static Path write(Path directory, String name, String content) throws java.io.IOException {
        return Files.writeString(directory.resolve(name), content);
    }

    private static String text(StringWriter output) {
        synchronized (output.getBuffer()) {
            return output.toString();
        }
    }

    private String logs() {
        synchronized (logs) {
            return logs.toString();
        }
    }
}
