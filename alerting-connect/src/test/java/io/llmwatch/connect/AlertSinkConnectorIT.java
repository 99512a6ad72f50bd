package io.llmwatch.connect;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The connector in a real standalone Connect worker, in process, against the embedded broker, paging a WireMock PagerDuty. */
@ExtendWith(EmbeddedKafkaExtension.class)
class AlertSinkConnectorIT {

    private static final String CONNECTOR = "llmwatch-alerts-" + UUID.randomUUID();
    private static final String ROUTING_KEY = "R0UTINGKEY0000000000000000000042";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final WireMockServer pagerDuty = new WireMockServer(options().dynamicPort());
    private EmbeddedKafkaBroker kafka;
    private Admin admin;

    @TempDir
    Path workDir;

    @BeforeAll
    static void createTopics(EmbeddedKafkaBroker kafka) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(Topics.ALL, 1, (short) 1);
        }
    }

    @BeforeEach
    void setUp(EmbeddedKafkaBroker kafka) {
        this.kafka = kafka;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        pagerDuty.start();
        pagerDuty.stubFor(post("/v2/enqueue").willReturn(aResponse().withStatus(202)
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\"}")));
    }

    @AfterEach
    void tearDown() {
        admin.close();
        pagerDuty.stop();
    }

    @Test
    void pagesTriggersAndResolvesAndCommitsAndARestartedWorkerDoesNotPageAgain() throws Exception {
        AlertEvent firing = alert("cost_spike|feature|search|1", AlertStatus.FIRING);
        AlertEvent other = alert("budget|tenant|acme|2", AlertStatus.FIRING);
        AlertEvent resolved = AlertEvent.newBuilder(firing).setAlertId(UUID.randomUUID().toString()).setStatus(AlertStatus.RESOLVED).build();

        Connect<StandaloneHerder> worker = startWorker();
        try {
            produce(firing, other, resolved);

            await().atMost(DEADLINE).untilAsserted(() -> assertThat(committedOffset()).isEqualTo(3));
        } finally {
            stop(worker);
        }
        pagerDuty.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue"))
                .withRequestBody(matchingJsonPath("$.event_action", equalTo("trigger")))
                .withRequestBody(matchingJsonPath("$.dedup_key", equalTo(firing.getDedupKey())))
                .withRequestBody(matchingJsonPath("$.routing_key", equalTo(ROUTING_KEY)))
                .withRequestBody(matchingJsonPath("$.payload.severity", equalTo("critical"))));
        pagerDuty.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue")).withRequestBody(equalToJson(
                "{\"routing_key\":\"" + ROUTING_KEY + "\",\"event_action\":\"resolve\",\"dedup_key\":\"" + firing.getDedupKey() + "\"}")));
        pagerDuty.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue"))
                .withRequestBody(matchingJsonPath("$.dedup_key", equalTo(other.getDedupKey()))));

        AlertEvent later = alert("latency|model|gpt-4o|3", AlertStatus.FIRING);
        Connect<StandaloneHerder> restarted = startWorker();
        try {
            produce(later);

            await().atMost(DEADLINE).untilAsserted(() -> assertThat(committedOffset()).isEqualTo(4));
        } finally {
            stop(restarted);
        }
        pagerDuty.verify(4, postRequestedFor(urlEqualTo("/v2/enqueue")));
    }

    private Connect<StandaloneHerder> startWorker() throws Exception {
        Map<String, String> workerProps = new HashMap<>();
        workerProps.put("bootstrap.servers", kafka.bootstrapServers());
        workerProps.put("offset.storage.file.filename", workDir.resolve("connect.offsets").toString());
        workerProps.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        workerProps.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        workerProps.put("listeners", "http://127.0.0.1:0");
        workerProps.put("offset.flush.interval.ms", "200");
        workerProps.put("plugin.discovery", "service_load");
        Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(workerProps);

        Map<String, String> connector = new HashMap<>();
        connector.put("name", CONNECTOR);
        connector.put("connector.class", AlertSinkConnector.class.getName());
        connector.put("tasks.max", "1");
        connector.put("topics", Topics.ALERTS.name());
        connector.put(AlertConnectorConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        connector.put(AlertConnectorConfig.PAGERDUTY_ROUTING_KEY, ROUTING_KEY);
        connector.put(AlertConnectorConfig.PAGERDUTY_URL, pagerDuty.baseUrl() + "/v2/enqueue");
        FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
        connect.herder().putConnectorConfig(CONNECTOR, connector, true, created);
        created.get(30, TimeUnit.SECONDS);
        return connect;
    }

    private static void stop(Connect<StandaloneHerder> connect) {
        connect.stop();
        connect.awaitStop();
    }

    private void produce(AlertEvent... alerts) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (AlertEvent alert : alerts) {
                producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.getDedupKey(),
                        Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert))).get();
            }
        }
    }

    private long committedOffset() throws Exception {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets("connect-" + CONNECTOR).partitionsToOffsetAndMetadata().get()
                .get(new TopicPartition(Topics.ALERTS.name(), 0));
        return committed == null ? -1 : committed.offset();
    }

    private static AlertEvent alert(String dedupKey, AlertStatus status) {
        String[] parts = dedupKey.split("\\|");
        return AlertEvent.newBuilder()
                .setAlertId(UUID.randomUUID().toString())
                .setDedupKey(dedupKey)
                .setType(parts[0])
                .setSeverity(Severity.CRITICAL)
                .setStatus(status)
                .setDimension(parts[1])
                .setDimensionKey(parts[2])
                .setTenant("acme")
                .setWindowStartMillis(1_762_430_400_000L)
                .setWindowEndMillis(1_762_434_000_000L)
                .setObserved("12.500000")
                .setExpected("3.100000")
                .setSummary(parts[2] + " is off")
                .setExemplarTraceIds(List.of("4bf92f3577b34da6a3ce929d0e0e4736"))
                .setDetectedAtMillis(1_762_434_012_000L)
                .build();
    }
}
