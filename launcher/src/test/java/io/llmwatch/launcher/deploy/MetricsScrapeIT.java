package io.llmwatch.launcher.deploy;

import io.llmwatch.agent.otlp.OtlpSidecar;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.launcher.metrics.MetricsServer;
import io.llmwatch.launcher.metrics.SinkMetrics;
import io.llmwatch.launcher.pipeline.Pipeline;
import io.llmwatch.launcher.pipeline.PipelineSettings;
import io.llmwatch.launcher.pipeline.PipelineSettings.OtlpRole;
import io.llmwatch.launcher.pipeline.PipelineSettings.ProcessorRole;
import io.llmwatch.launcher.pipeline.PipelineSettings.SimulatorRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /metrics} of every role, scraped from a real pipeline with simulated traffic: each answers in
 * Prometheus' text format, and every metric the Grafana dashboards and the alert rules in
 * {@code deploy/} query is in one of the scrapes.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class MetricsScrapeIT {

    private static final Pattern OTLP_URL = Pattern.compile("OTLP traces endpoint: (http://[^/\\s]+)/v1/traces");
    private static final Duration PATIENCE = Duration.ofSeconds(150);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final StringWriter console = new StringWriter();
    private Pipeline pipeline;
    private MetricsServer sinkMetrics;

    @BeforeEach
    void start(EmbeddedKafkaBroker kafka) {
        PipelineSettings settings = PipelineSettings.builder()
                .kafka(kafka.bootstrapServers(), Map.of())
                .processor(new ProcessorRole("metrics-it-" + UUID.randomUUID(), Optional.empty(), 0, "127.0.0.1", 0, "127.0.0.1"))
                .otlp(new OtlpRole("127.0.0.1", 0, OtlpSidecar.DEFAULT_MAX_BODY_BYTES))
                .simulator(new SimulatorRole(40, 11, Duration.ofHours(1)))
                .build();
        pipeline = Pipeline.start(settings, new PrintWriter(console, true));
        sinkMetrics = SinkMetrics.serve("127.0.0.1", 0, kafka.bootstrapServers(), Map.of(), "metrics-it-sink");
    }

    @AfterEach
    void stop() {
        if (sinkMetrics != null) {
            sinkMetrics.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void everyRoleServesMetricsAndEveryMetricTheDeploymentQueriesExists() {
        Matcher otlp = OTLP_URL.matcher(console.toString());
        assertThat(otlp.find()).as(console.toString()).isTrue();
        Map<String, String> roles = Map.of(
                "processor", "http://127.0.0.1:" + pipeline.apiPort().orElseThrow() + "/metrics",
                "agent", otlp.group(1) + "/metrics",
                "sink", "http://127.0.0.1:" + sinkMetrics.port() + "/metrics");
        Set<String> referenced = DeployFiles.referencedMetrics();

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Set<String> scraped = new TreeSet<>();
            for (Map.Entry<String, String> role : roles.entrySet()) {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(role.getValue())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(role.getKey()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("text/plain; version=0.0.4"));
                assertThat(response.body()).as(role.getKey()).contains("role=\"" + role.getKey() + "\"");
                scraped.addAll(metricNames(response.body()));
            }
            assertThat(scraped).containsAll(referenced);
        });
    }

    private static Set<String> metricNames(String scrape) {
        Set<String> names = new TreeSet<>();
        scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }
}
