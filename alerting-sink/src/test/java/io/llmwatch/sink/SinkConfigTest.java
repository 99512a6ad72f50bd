package io.llmwatch.sink;

import io.llmwatch.sink.delivery.BackoffSettings;
import io.llmwatch.sink.webhook.WebhookSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SinkConfigTest {

    @Test
    void defaultsToTheStandardGroupDefaultBackoffAndNoWebhook() {
        SinkConfig config = SinkConfig.builder().bootstrapServers("localhost:9092").build();

        assertThat(config.groupId()).isEqualTo(SinkConfig.DEFAULT_GROUP_ID);
        assertThat(config.backoff()).isEqualTo(BackoffSettings.DEFAULT);
        assertThat(config.webhook()).isEmpty();
        assertThat(config.clientProperties()).isEmpty();
    }

    @Test
    void assemblesTheWebhookWithDefaultTimeouts() {
        SinkConfig config = SinkConfig.builder()
                .bootstrapServers("localhost:9092")
                .webhookUrl(URI.create("https://hooks.example.com/llmwatch"))
                .webhookSecret("s3cret")
                .webhookHeader("Authorization", "Bearer t0ken")
                .build();

        assertThat(config.webhook()).contains(new WebhookSettings(URI.create("https://hooks.example.com/llmwatch"),
                Optional.of("s3cret"), Map.of("Authorization", "Bearer t0ken"),
                WebhookSettings.DEFAULT_CONNECT_TIMEOUT, WebhookSettings.DEFAULT_REQUEST_TIMEOUT));
    }

    @Test
    void requiresBootstrapServers() {
        assertThatIllegalArgumentException().isThrownBy(() -> SinkConfig.builder().build())
                .withMessageContaining("bootstrapServers");
    }

    @Test
    void rejectsAGroupIdThatIsBlank() {
        assertThatIllegalArgumentException().isThrownBy(() -> minimal().groupId(" ").build())
                .withMessageContaining("groupId");
    }

    @Test
    void rejectsWebhookSettingsWithoutAWebhookUrl() {
        assertThatIllegalArgumentException().isThrownBy(() -> minimal().webhookSecret("s3cret").build());
        assertThatIllegalArgumentException().isThrownBy(() -> minimal().webhookHeader("Authorization", "x").build());
        assertThatIllegalArgumentException().isThrownBy(() -> minimal().webhookRequestTimeout(Duration.ofSeconds(1)).build());
    }

    @Test
    void rejectsAWebhookUrlThatIsNotHttp() {
        assertThatIllegalArgumentException().isThrownBy(() -> minimal().webhookUrl(URI.create("ftp://example.com/x")).build());
        assertThatIllegalArgumentException().isThrownBy(() -> minimal().webhookUrl(URI.create("/relative")).build());
    }

    @Test
    void rejectsAnEmptySecretAndNonPositiveTimeouts() {
        URI url = URI.create("http://localhost/hook");
        assertThatIllegalArgumentException().isThrownBy(() -> minimal().webhookUrl(url).webhookSecret("").build());
        assertThatIllegalArgumentException().isThrownBy(() -> minimal().webhookUrl(url).webhookConnectTimeout(Duration.ZERO).build());
    }

    @Test
    void rejectsABackoffWhoseMaxIsBelowItsBase() {
        assertThatIllegalArgumentException().isThrownBy(() -> minimal().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build());
    }

    @Test
    void printsNoSecretsHeaderValuesOrClientPropertyValues() {
        SinkConfig config = minimal()
                .clientProperty("sasl.jaas.config", "password=\"hunter2\"")
                .webhookUrl(URI.create("https://hooks.example.com/llmwatch"))
                .webhookSecret("s3cret")
                .webhookHeader("Authorization", "Bearer t0ken")
                .build();

        assertThat(config.toString())
                .contains("sasl.jaas.config", "Authorization", "https://hooks.example.com/llmwatch")
                .doesNotContain("hunter2", "s3cret", "t0ken");
    }

    private static SinkConfig.Builder minimal() {
        return SinkConfig.builder().bootstrapServers("localhost:9092");
    }
}
