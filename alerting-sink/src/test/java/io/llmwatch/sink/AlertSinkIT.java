package io.llmwatch.sink;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import io.llmwatch.sink.delivery.DeadLetterPublisher;
import io.llmwatch.sink.webhook.WebhookBody;
import io.llmwatch.sink.webhook.WebhookSignature;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(EmbeddedKafkaExtension.class)
@SuppressWarnings("try") // a sink runs for the body of its try block and needs no other mention there
class AlertSinkIT {

    private static final int PARTITIONS = 3;
    private static final String HOOK_PATH = "/alerts";
    private static final String SECRET = "it-shared-secret";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final WireMockServer webhook = new WireMockServer(options().dynamicPort());
    private final String groupId = "alerting-sink-it-" + UUID.randomUUID();
    private EmbeddedKafkaBroker kafka;
    private Admin admin;
    private KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void createTopics(EmbeddedKafkaBroker kafka) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(Topics.ALL, PARTITIONS, (short) 1);
        }
    }

    @BeforeEach
    void setUp(EmbeddedKafkaBroker kafka) throws Exception {
        this.kafka = kafka;
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        webhook.start();
        startGroupAfterEarlierTestsAlerts();
    }

    @AfterEach
    void tearDown() {
        producer.close();
        admin.close();
        webhook.stop();
    }

    @Test
    void postsAnAlertAsSignedJsonAndCommitsIt() throws Exception {
        webhook.stubFor(hook().willReturn(aResponse().withStatus(204)));
        AlertEvent alert = SampleAlerts.costAnomaly().build();

        try (AlertSink sink = startSink()) {
            RecordMetadata produced = produce(alert);

            awaitCommitted(produced, produced.offset() + 1);
        }

        LoggedRequest request = webhook.findAll(requestsFor(alert)).get(0);
        assertThat(request.getBody()).isEqualTo(WebhookBody.render(alert));
        assertThat(request.getBodyAsString()).contains("\"severity\":\"critical\"", "\"observed\":\"12.500000\"");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer it-token");
        assertThat(request.getHeader(WebhookSignature.HEADER)).isEqualTo(new WebhookSignature(SECRET).sign(request.getBody()));
    }

    @Test
    void retriesServerErrorsAndCommitsOnlyOnceDelivered() throws Exception {
        webhook.stubFor(hook().inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed once"));
        webhook.stubFor(hook().inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed twice"));
        webhook.stubFor(hook().inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withStatus(200)));
        AlertEvent alert = SampleAlerts.costAnomaly().build();

        try (AlertSink sink = startSink()) {
            RecordMetadata produced = produce(alert);

            awaitCommitted(produced, produced.offset() + 1);
        }

        assertThat(webhook.findAll(requestsFor(alert))).hasSize(3);
        assertThat(deadLetters()).noneMatch(deadLetter -> Arrays.equals(deadLetter.value(), encode(alert)));
    }

    @Test
    void deadLettersARefusedAlertAndGoesOnWithTheNext() throws Exception {
        AlertEvent refused = SampleAlerts.costAnomaly().build();
        AlertEvent next = SampleAlerts.costAnomaly().setStatus(AlertStatus.RESOLVED).build();
        webhook.stubFor(hook().willReturn(aResponse().withStatus(200)));
        webhook.stubFor(hook().withRequestBody(matchingJsonPath("$.alertId", equalTo(refused.getAlertId())))
                .atPriority(1).willReturn(aResponse().withStatus(400).withBody("unknown tenant")));

        RecordMetadata refusedAt;
        try (AlertSink sink = startSink()) {
            refusedAt = produce(refused);
            RecordMetadata nextAt = produce(next);

            awaitCommitted(nextAt, nextAt.offset() + 1);
        }

        assertThat(webhook.findAll(requestsFor(next))).hasSize(1);
        ConsumerRecord<byte[], byte[]> deadLetter = awaitDeadLetter(encode(refused));
        assertThat(header(deadLetter, DeadLetterPublisher.DESTINATION_HEADER)).isEqualTo("webhook");
        assertThat(header(deadLetter, DeadLetterPublisher.REASON_HEADER)).isEqualTo("HTTP 400: unknown tenant");
        assertThat(header(deadLetter, DeadLetterPublisher.ORIGINAL_TOPIC_HEADER)).isEqualTo(Topics.ALERTS.name());
        assertThat(header(deadLetter, DeadLetterPublisher.ORIGINAL_PARTITION_HEADER)).isEqualTo(Integer.toString(refusedAt.partition()));
        assertThat(header(deadLetter, DeadLetterPublisher.ORIGINAL_OFFSET_HEADER)).isEqualTo(Long.toString(refusedAt.offset()));
    }

    @Test
    void deadLettersUndecodableBytesAndStillDeliversTheNextAlert() throws Exception {
        webhook.stubFor(hook().willReturn(aResponse().withStatus(200)));
        byte[] garbage = ("not an alert " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        AlertEvent next = SampleAlerts.costAnomaly().build();

        try (AlertSink sink = startSink()) {
            // Same key, so both land in one partition and the garbage really stands in front of the alert.
            produce(next.getDedupKey(), garbage);
            RecordMetadata nextAt = produce(next);

            awaitCommitted(nextAt, nextAt.offset() + 1);
        }

        assertThat(webhook.findAll(requestsFor(next))).hasSize(1);
        ConsumerRecord<byte[], byte[]> deadLetter = awaitDeadLetter(garbage);
        assertThat(header(deadLetter, DeadLetterPublisher.REASON_HEADER)).contains("bad header");
        assertThat(header(deadLetter, DeadLetterPublisher.DESTINATION_HEADER)).isNull();
    }

    @Test
    void anAlertStillRetryingAtShutdownIsDeliveredAfterRestart() throws Exception {
        webhook.stubFor(hook().willReturn(aResponse().withStatus(503)));
        AlertEvent alert = SampleAlerts.costAnomaly().build();

        RecordMetadata produced;
        try (AlertSink sink = startSink()) {
            produced = produce(alert);

            await().atMost(DEADLINE).until(() -> webhook.findAll(requestsFor(alert)).size() >= 2);
        }
        assertThat(committedOffset(partitionOf(produced))).isEqualTo(produced.offset());

        webhook.resetMappings();
        webhook.stubFor(hook().willReturn(aResponse().withStatus(200)));
        try (AlertSink restarted = startSink()) {
            awaitCommitted(produced, produced.offset() + 1);
        }
    }

    private AlertSink startSink() {
        AlertSink sink = new AlertSink(SinkConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .groupId(groupId)
                .webhookUrl(URI.create(webhook.baseUrl() + HOOK_PATH))
                .webhookSecret(SECRET)
                .webhookHeader("Authorization", "Bearer it-token")
                .backoff(Duration.ofMillis(10), Duration.ofMillis(100))
                .build());
        sink.start();
        return sink;
    }

    /**
     * Every test of the run shares the alerts topic; committing this test's fresh group at the current
     * end keeps its sink from re-delivering what earlier tests produced.
     */
    private void startGroupAfterEarlierTestsAlerts() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(Topics.ALERTS.name())).allTopicNames().get()
                .get(Topics.ALERTS.name()).partitions().stream()
                .map(partition -> new TopicPartition(Topics.ALERTS.name(), partition.partition()))
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, end -> new OffsetAndMetadata(end.getValue().offset())));
        admin.alterConsumerGroupOffsets(groupId, ends).all().get();
    }

    private RecordMetadata produce(AlertEvent alert) throws ExecutionException, InterruptedException {
        return produce(alert.getDedupKey(), encode(alert));
    }

    private RecordMetadata produce(String key, byte[] value) throws ExecutionException, InterruptedException {
        return producer.send(new ProducerRecord<>(Topics.ALERTS.name(), key, value)).get();
    }

    private static byte[] encode(AlertEvent alert) {
        return Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert);
    }

    private void awaitCommitted(RecordMetadata record, long offset) {
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(committedOffset(partitionOf(record))).isEqualTo(offset));
    }

    private long committedOffset(TopicPartition partition) throws ExecutionException, InterruptedException {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().get(partition);
        return committed == null ? -1 : committed.offset();
    }

    private static TopicPartition partitionOf(RecordMetadata record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    private static MappingBuilder hook() {
        return post(urlEqualTo(HOOK_PATH));
    }

    private static RequestPatternBuilder requestsFor(AlertEvent alert) {
        return postRequestedFor(urlEqualTo(HOOK_PATH)).withRequestBody(matchingJsonPath("$.alertId", equalTo(alert.getAlertId())));
    }

    private ConsumerRecord<byte[], byte[]> awaitDeadLetter(byte[] value) {
        return await().atMost(DEADLINE).until(() -> deadLetters().stream()
                        .filter(deadLetter -> Arrays.equals(deadLetter.value(), value)).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    /** Everything in the alerts DLQ so far, read from the start without a consumer group. */
    private List<ConsumerRecord<byte[], byte[]>> deadLetters() throws ExecutionException, InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            partitions.add(new TopicPartition(Topics.ALERTS_DLQ.name(), partition));
        }
        Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest())))
                .all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, end -> end.getValue().offset()));
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
