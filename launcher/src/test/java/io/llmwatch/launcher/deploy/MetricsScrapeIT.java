package io.llmwatch.launcher.deploy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.llmwatch.agent.otlp.OtlpSidecar;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.launcher.pipeline.Pipeline;
import io.llmwatch.launcher.pipeline.PipelineSettings;
import io.llmwatch.launcher.pipeline.PipelineSettings.MetricsAddress;
import io.llmwatch.launcher.pipeline.PipelineSettings.OtlpRole;
import io.llmwatch.launcher.pipeline.PipelineSettings.ProcessorRole;
import io.llmwatch.launcher.pipeline.PipelineSettings.SimulatorRole;
import io.llmwatch.launcher.pipeline.PipelineSettings.SinkRole;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /metrics} of every role, scraped from a real pipeline with simulated traffic, each role on the
 * port it prints at start-up as {@code demo} and {@code up} run them: each answers in Prometheus' text
 * format, the sink and the sidecar include their Kafka clients' metrics, and every metric the Grafana
 * dashboards and the alert rules in {@code deploy/} query is in one of the scrapes.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class MetricsScrapeIT {

    private static final Pattern AGENT_METRICS = Pattern.compile("Agent metrics: (http://\\S+/metrics)");
    private static final Pattern SINK_METRICS = Pattern.compile("Sink metrics: (http://\\S+/metrics)");
    private static final Duration PATIENCE = Duration.ofSeconds(150);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final StringWriter console = new StringWriter();
    private Pipeline pipeline;
    private final WireMockServer webhook = new WireMockServer(options().dynamicPort());
    @BeforeEach
    void start(EmbeddedKafkaBroker kafka) {
        webhook.start();
        webhook.stubFor(post(urlEqualTo("/alerts")).willReturn(aResponse().withStatus(200)));
        PipelineSettings settings = PipelineSettings.builder()
                .kafka(kafka.bootstrapServers(), Map.of())
                .processor(new ProcessorRole("metrics-it-" + UUID.randomUUID(), Optional.empty(), 0, "127.0.0.1", 0, "127.0.0.1"))
                .sink(new SinkRole("metrics-it-sink-" + UUID.randomUUID(),
                        Optional.of(URI.create(webhook.baseUrl() + "/alerts")), Optional.empty()))
                .sinkMetrics(new MetricsAddress("127.0.0.1", 0))
                .otlp(new OtlpRole("127.0.0.1", 0, OtlpSidecar.DEFAULT_MAX_BODY_BYTES))
                .simulator(new SimulatorRole(40, 11, Duration.ofHours(1)))
                .build();
        pipeline = Pipeline.start(settings, new PrintWriter(console, true));
        publishAnAlert(kafka.bootstrapServers());
    }

    /** One alert for the sink to deliver, so its delivery meters exist. */
    private static void publishAnAlert(String bootstrapServers) {
        AlertEvent alert = AlertEvent.newBuilder()
                .setAlertId(UUID.randomUUID().toString()).setDedupKey("metrics-it").setType("cost_spike")
                .setSeverity(Severity.WARNING).setStatus(AlertStatus.FIRING)
                .setDimension("feature").setDimensionKey("metrics-it")
                .setWindowStartMillis(0).setWindowEndMillis(5_000).setObserved("1.00").setExpected("0.10")
                .setSummary("metrics-it").setDetectedAtMillis(System.currentTimeMillis())
                .build();
        try (KafkaProducer<String, AlertEvent> producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                Topics.ALERTS.keySerde().serializer(), Topics.ALERTS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.getDedupKey(), alert));
        }
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        webhook.stop();
    }

    @Test
    void everyRoleServesMetricsAndEveryMetricTheDeploymentQueriesExists() {
        Map<String, String> roles = Map.of(
                "processor", "http://127.0.0.1:" + pipeline.apiPort().orElseThrow() + "/metrics",
                "agent", printed(AGENT_METRICS),
                "sink", printed(SINK_METRICS));
        Set<String> referenced = DeployFiles.referencedMetrics();

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Set<String> scraped = new TreeSet<>();
            Map<String, Set<String>> byRole = new HashMap<>();
            for (Map.Entry<String, String> role : roles.entrySet()) {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(role.getValue())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(role.getKey()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("text/plain; version=0.0.4"));
                assertThat(response.body()).as(role.getKey()).contains("role=\"" + role.getKey() + "\"");
                byRole.put(role.getKey(), metricNames(response.body()));
                scraped.addAll(byRole.get(role.getKey()));
            }
            assertThat(scraped).containsAll(referenced);
            // Micrometer's Kafka client binder on the sink's consumer and producers and on the sidecar agent's producer.
            assertThat(byRole.get("sink")).anyMatch(name -> name.startsWith("kafka_consumer_fetch_manager_"))
                    .anyMatch(name -> name.startsWith("kafka_producer_"));
            assertThat(byRole.get("agent")).anyMatch(name -> name.startsWith("kafka_producer_record_send"));
        });
    }

    /** The address a role printed at start-up, as {@code demo} and {@code up} print it. */
    private String printed(Pattern line) {
        Matcher printed = line.matcher(console.toString());
        assertThat(printed.find()).as(console.toString()).isTrue();
        return printed.group(1);
    }

    private static Set<String> metricNames(String scrape) {
        Set<String> names = new TreeSet<>();
        scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }
}
