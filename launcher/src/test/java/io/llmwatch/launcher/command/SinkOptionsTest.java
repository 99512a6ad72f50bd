package io.llmwatch.launcher.command;

import io.llmwatch.launcher.pipeline.SinkDelivery;
import io.llmwatch.sink.pagerduty.PagerDutySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SinkOptionsTest {

    @Test
    void readsEveryDestinationFlagOfTheIssue(@TempDir Path directory) throws Exception {
        Path routes = Files.writeString(directory.resolve("routes.yaml"), "routes: [{destinations: [slack]}]");

        SinkDelivery delivery = parse("--slack-webhook", "https://hooks.slack.com/services/T0/B0/abcdSECRET",
                "--pagerduty-routing-key", "R0UTINGKEY00000000000000000000AB", "--pagerduty-url", "http://127.0.0.1:9/v2/enqueue",
                "--webhook", "https://hooks.example.com/llmwatch", "--routes", routes.toString(), "--sink-api-port", "0");

        assertThat(delivery.slackWebhook().orElseThrow().reveal()).isEqualTo("https://hooks.slack.com/services/T0/B0/abcdSECRET");
        assertThat(delivery.pagerDutyRoutingKey().orElseThrow().reveal()).isEqualTo("R0UTINGKEY00000000000000000000AB");
        assertThat(delivery.pagerDutyUrl()).isEqualTo(URI.create("http://127.0.0.1:9/v2/enqueue"));
        assertThat(delivery.webhookUrl()).contains(URI.create("https://hooks.example.com/llmwatch"));
        assertThat(delivery.routesFile()).contains(routes);
        assertThat(delivery.apiPort()).contains(0);
        assertThat(delivery.toString()).doesNotContain("abcdSECRET", "R0UTINGKEY0000").contains("****CRET", "****00AB");
    }

    @Test
    void defaultsToThePublicPagerDutyEndpointAndTheLoopbackApi() {
        SinkDelivery delivery = parse();

        assertThat(delivery.pagerDutyUrl()).isEqualTo(PagerDutySettings.DEFAULT_EVENTS_URL);
        assertThat(delivery.apiHost()).isEqualTo("127.0.0.1");
        assertThat(delivery.apiPort()).contains(9095);
        assertThat(parse("--sink-api-port", "-1").apiPort()).isEqualTo(Optional.empty());
    }

    @Test
    void readsSecretsFromFiles(@TempDir Path directory) throws Exception {
        Path key = Files.writeString(directory.resolve("pd"), "R0UTINGKEY00000000000000000000AB\n");
        Path secret = Files.writeString(directory.resolve("hmac"), "s3cret-hmac-key\n");

        SinkDelivery delivery = parse("--pagerduty-routing-key-file", key.toString(), "--webhook-url", "http://localhost/x",
                "--webhook-secret-file", secret.toString());

        assertThat(delivery.pagerDutyRoutingKey().orElseThrow().reveal()).isEqualTo("R0UTINGKEY00000000000000000000AB");
        assertThat(delivery.webhookSecret().orElseThrow().reveal()).isEqualTo("s3cret-hmac-key");
    }

    @Test
    void refusesASecretGivenTwice(@TempDir Path directory) throws Exception {
        Path key = Files.writeString(directory.resolve("pd"), "R0UTINGKEY00000000000000000000AB");

        assertThatIllegalArgumentException().isThrownBy(() ->
                parse("--pagerduty-routing-key", "other", "--pagerduty-routing-key-file", key.toString()));
    }

    @Test
    void theSilencesApiTakesTheApiTokensAndServesOtherHostsOnlyWithThemOrInsecure() {
        String tokens = "[{\"token\": \"admin-token-0123456789\", \"role\": \"admin\"}]";

        assertThat(parse().apiAuthentication().requiresTokens()).isFalse();
        assertThat(parse(Map.of("LLMWATCH_API_TOKENS", tokens)).apiAuthentication().requiresTokens()).isTrue();
        assertThat(parse(Map.of("LLMWATCH_API_TOKENS", tokens), "--sink-api-host", "0.0.0.0").apiAuthentication()
                .requiresTokens()).isTrue();
        assertThatIllegalArgumentException().isThrownBy(() -> parse("--sink-api-host", "0.0.0.0"))
                .withMessageContaining("--sink-api-host 0.0.0.0 would serve the silences API to other hosts without authentication");
        assertThat(parse("--sink-api-host", "0.0.0.0", "--insecure").apiAuthentication().requiresTokens()).isFalse();
        assertThat(parse("--sink-api-host", "0.0.0.0", "--sink-api-port", "-1").apiPort()).isEmpty();
    }

    @Command
    static final class SinkCommandOptions {
        @Mixin
        SinkOptions sink;

        @Mixin
        ApiTokenOptions apiTokens;
    }

    private static SinkDelivery parse(String... args) {
        return parse(Map.of(), args);
    }

    private static SinkDelivery parse(Map<String, String> environment, String... args) {
        SinkCommandOptions options = new SinkCommandOptions();
        new CommandLine(options).parseArgs(args);
        return options.sink.delivery(options.apiTokens, environment);
    }
}
