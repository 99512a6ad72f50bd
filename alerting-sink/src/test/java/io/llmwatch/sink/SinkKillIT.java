package io.llmwatch.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.schemas.alert.AlertEvent;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sink process killed with SIGKILL while it works through a batch of pages, then started again:
 * every alert is paged, and nothing PagerDuty had accepted before the kill is sent again (the delivery
 * ledger). PagerDuty gets one event at a time, so the one event that may be on the wire at the moment of the
 * kill can be sent twice; it carries the same dedup key, which PagerDuty de-duplicates, so it never becomes
 * a second page.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class SinkKillIT {

    private static final int ALERTS = 40;
    private static final String PD_PATH = "/v2/enqueue";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer pagerDuty = new WireMockServer(options().dynamicPort());
    private final String groupId = "sink-kill-it-" + UUID.randomUUID();
    private final List<Process> processes = new ArrayList<>();
    private AlertsTopic alerts;

    @BeforeEach
    void setUp(EmbeddedKafkaBroker kafka) throws Exception {
        alerts = new AlertsTopic(kafka);
        alerts.startGroupAtEnd(groupId);
        pagerDuty.start();
        pagerDuty.stubFor(post(PD_PATH).willReturn(aResponse().withStatus(202).withFixedDelay(20)));
    }

    @AfterEach
    void tearDown() {
        processes.forEach(Process::destroyForcibly);
        alerts.close();
        pagerDuty.stop();
    }

    @Test
    void aSinkKilledMidBatchLosesNoAlertAndPagesNothingTwice(EmbeddedKafkaBroker kafka) throws Exception {
        List<RecordMetadata> produced = new ArrayList<>();
        Set<String> dedupKeys = new HashSet<>();
        for (int i = 0; i < ALERTS; i++) {
            AlertEvent alert = SampleAlerts.costAnomaly().setDedupKey("cost_spike|user|u-" + i + "|1").build();
            dedupKeys.add(alert.getDedupKey());
            produced.add(alerts.produce(alert));
        }

        Process first = startSink(kafka);
        await().atMost(DEADLINE).until(() -> triggers().size() >= ALERTS / 4);
        first.destroyForcibly().waitFor();
        int pagedBeforeKill = triggers().size();
        assertThat(pagedBeforeKill).isLessThan(ALERTS);

        startSink(kafka);
        await().atMost(DEADLINE).until(() -> alerts.committedPast(groupId, produced));

        Map<String, Long> triggersPerKey = triggers().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(triggersPerKey.keySet()).isEqualTo(dedupKeys);
        long resent = triggersPerKey.values().stream().mapToLong(count -> count - 1).sum();
        assertThat(resent).as("events re-sent after the kill (only the one in flight may be)").isLessThanOrEqualTo(1);
    }

    private Process startSink(EmbeddedKafkaBroker kafka) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SinkProcess.class.getName(), kafka.bootstrapServers(), groupId, pagerDuty.baseUrl() + PD_PATH,
                DocumentedPayloads.ROUTING_KEY)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        processes.add(process);
        return process;
    }

    /** The dedup key of every trigger PagerDuty received, in order. */
    private List<String> triggers() {
        return pagerDuty.findAll(postRequestedFor(urlEqualTo(PD_PATH))).stream()
                .map(LoggedRequest::getBodyAsString)
                .map(body -> {
                    try {
                        return JSON.readTree(body).get("dedup_key").asText();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }
}
