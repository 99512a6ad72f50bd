package io.llmwatch.launcher.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.launcher.LlmWatchCli;
import io.llmwatch.processor.ProcessorSettings;
import io.llmwatch.processor.StreamProcessor;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.topology.TopologySettings;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code ./llmwatch budgets} against the real broker, seen through a running processor's budget API. */
@ExtendWith(EmbeddedKafkaExtension.class)
class BudgetsCommandIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** Other tests share the broker and its budgets topic: this run's budget has a key of its own. */
    private static final String KEY = "tenant|budgets-it-" + RUN;

    private static String bootstrapServers;
    private static StreamProcessor processor;

    @BeforeAll
    static void startProcessor(EmbeddedKafkaBroker kafka) throws Exception {
        bootstrapServers = kafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            new TopicProvisioner(admin).ensure(Topics.ALL, 2, (short) 1);
        }
        processor = StreamProcessor.start(new ProcessorSettings("budgets-it-" + RUN, bootstrapServers, Map.of(),
                Files.createTempDirectory("llmwatch-budgets-it"), ProcessorSettings.DEFAULT_HTTP_HOST, 0,
                ProcessorSettings.DEFAULT_HTTP_HOST, 0, TopologySettings.DEFAULTS),
                new SpanCostCalculator(PriceCatalog.bundled()), Clock.systemUTC());
        await().atMost(PATIENCE).until(() -> budget("/api/health").statusCode() == 200);
    }

    @AfterAll
    static void stopProcessor() {
        if (processor != null) {
            processor.close();
        }
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run budgets(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LlmWatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 3];
        full[0] = "budgets";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--bootstrap-servers";
        full[args.length + 2] = bootstrapServers;
        return new Run(cli.execute(full), out.toString(), err.toString());
    }

    private static HttpResponse<String> budget(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + processor.apiPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String keyPath() {
        return "/api/budgets/" + URLEncoder.encode(KEY, StandardCharsets.UTF_8);
    }

    @Test
    void aBudgetSetWithTheCliIsServedByTheApiAndADeleteRemovesIt() throws Exception {
        Run set = budgets("set", "--key", KEY, "--hourly", "2.50", "--daily", "40", "--updated-by", "it");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("set " + KEY);

        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> response = budget(keyPath());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode status = JSON.readTree(response.body());
            assertThat(status.get("hourlyCapUsd").decimalValue()).isEqualByComparingTo("2.50");
            assertThat(status.get("dailyCapUsd").decimalValue()).isEqualByComparingTo("40");
            assertThat(status.get("hour").get("remainingUsd").decimalValue()).isEqualByComparingTo("2.50");
            assertThat(status.get("exceeded").asBoolean()).isFalse();
        });
        assertThat(budgets("list").out()).contains("\"key\":\"" + KEY + "\"", "\"hourlyCapUsd\":\"2.50\"",
                "\"dailyCapUsd\":\"40\"", "\"updatedBy\":\"it\"");

        Run raised = budgets("set", "--key", KEY, "--daily", "60");
        assertThat(raised.exitCode()).as(raised.err()).isZero();
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode status = JSON.readTree(budget(keyPath()).body());
            assertThat(status.get("dailyCapUsd").decimalValue()).isEqualByComparingTo("60");
            assertThat(status.get("hour").isNull()).isTrue();
        });

        assertThat(budgets("delete", "--key", KEY).exitCode()).isZero();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(budget(keyPath()).statusCode()).isEqualTo(404));
        assertThat(budgets("list").out()).doesNotContain(KEY);
    }

    @Test
    void aBudgetThatCapsNothingIsRefusedAndNothingIsWritten() {
        String key = "feature|refused-" + RUN;

        Run refused = budgets("set", "--key", key);

        assertThat(refused.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(refused.err()).contains("caps nothing");
        assertThat(budgets("list").out()).doesNotContain(key);
    }
}
