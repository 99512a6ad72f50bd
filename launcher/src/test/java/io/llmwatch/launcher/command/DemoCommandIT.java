package io.llmwatch.launcher.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.launcher.LlmWatchCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./llmwatch demo} as a user runs it, on its own embedded broker: while it runs the API
 * answers, every role serves {@code /metrics} at the address it printed, costs are positive and the injected
 * incident's alert is listed; then it exits 0.
 */
class DemoCommandIT {

    private static final Pattern API_ADDRESS = Pattern.compile("Processor query API: (http://\\S+)/api/health");
    private static final Pattern SINK_METRICS = Pattern.compile("Sink metrics: (http://127\\.0\\.0\\.1:\\d+/metrics)");
    private static final Pattern AGENT_METRICS = Pattern.compile("Agent metrics: (http://127\\.0\\.0\\.1:\\d+/metrics)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter console = new StringWriter();

    private String output() {
        synchronized (console.getBuffer()) {
            return console.toString();
        }
    }

    /** An address the demo printed at start-up: each role's {@code /metrics} binds to loopback by default. */
    private String printed(Pattern line) {
        Matcher printed = line.matcher(output());
        assertThat(printed.find()).as(output()).isTrue();
        return printed.group(1);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void runsThePipelineFiresTheInjectedIncidentsAlertAndExitsZero() throws Exception {
        CommandLine cli = LlmWatchCli.commandLine();
        cli.setOut(new PrintWriter(console, true));
        CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(() ->
                cli.execute("demo", "--duration", "75s", "--http-port", "0", "--otlp-port", "0", "--sink-api-port", "0",
                        "--metrics-port", "0", "--incident-after", "30s"));

        String api = await().atMost(Duration.ofSeconds(60)).until(() -> {
            Matcher matcher = API_ADDRESS.matcher(output());
            return matcher.find() ? matcher.group(1) : null;
        }, address -> address != null);

        await().atMost(Duration.ofSeconds(60)).until(() -> get(api + "/api/health").statusCode() == 200);
        Map<String, Supplier<String>> metrics = Map.of("processor", () -> api + "/metrics",
                "sink", () -> printed(SINK_METRICS), "agent", () -> printed(AGENT_METRICS));
        metrics.forEach((role, url) -> await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get(url.get()).body()).as(role).contains("role=\"" + role + "\"")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode rows = JSON.readTree(get(api + "/api/cost?by=model&window=1m").body());
            assertThat(rows).isNotEmpty();
            assertThat(new BigDecimal(rows.get(0).get("costUsd").asText())).isPositive();
        });
        await().atMost(Duration.ofSeconds(70)).untilAsserted(() -> {
            JsonNode alerts = JSON.readTree(get(api + "/api/alerts").body());
            assertThat(alerts.findValuesAsText("dimensionKey")).contains("support-chat");
        });

        assertThat(exitCode.get()).isZero();
        assertThat(output())
                .contains("Incident injected")
                .contains("ALERT FIRING [")
                .contains("cost_spike feature=support-chat")
                // The demo's short cost-anomaly warm-up (25 s) arms the NAB-scored detector before the incident.
                .contains("cost_anomaly feature=support-chat")
                .contains("First alert")
                .contains("Ran for 75s; stopping.");
    }
}
