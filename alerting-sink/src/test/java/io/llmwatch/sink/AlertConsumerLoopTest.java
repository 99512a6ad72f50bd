package io.llmwatch.sink;

import io.llmwatch.schemas.topic.Topics;
import io.llmwatch.sink.delivery.AlertDispatcher;
import io.llmwatch.sink.delivery.Backoff;
import io.llmwatch.sink.delivery.BackoffSettings;
import io.llmwatch.sink.delivery.DeadLetterPublisher;
import io.llmwatch.sink.delivery.DeliveryResult.Delivered;
import io.llmwatch.sink.delivery.DeliveryResult.RetryableFailure;
import io.llmwatch.sink.delivery.HighestDraw;
import io.llmwatch.sink.delivery.ScriptedDestination;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop against Kafka's {@link MockConsumer}, whose scheduled poll tasks play the broker: each runs
 * at the start of one poll, so a test decides exactly which poll sees a rebalance.
 */
class AlertConsumerLoopTest {

    private static final TopicPartition PARTITION = new TopicPartition(Topics.ALERTS.name(), 0);
    /** Long enough that a retry only happens when a test lets it, so every wait polls at least once. */
    private static final BackoffSettings SLOW_BACKOFF = new BackoffSettings(Duration.ofSeconds(10), Duration.ofSeconds(10));

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> deadLetterProducer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    @BeforeEach
    void partitionStartsEmpty() {
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    }

    @Test
    void commitsEachAlertOnceSettled() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new Delivered());
        AlertConsumerLoop loop = loop(webhook);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            consumer.addRecord(alertAt(0));
            consumer.addRecord(alertAt(1));
        });
        consumer.schedulePollTask(loop::stop);

        loop.run();

        assertThat(webhook.received()).hasSize(2);
        assertThat(committedOffset()).isEqualTo(2);
    }

    @Test
    void anAlertBeingRetriedWhenItsPartitionIsRevokedStaysUncommittedAndHoldsBackTheRest() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new RetryableFailure("HTTP 503"));
        AlertConsumerLoop loop = loop(webhook);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            consumer.addRecord(alertAt(0));
            consumer.addRecord(alertAt(1));
        });
        consumer.schedulePollTask(() -> consumer.rebalance(List.of()));
        consumer.schedulePollTask(loop::stop);

        loop.run();

        assertThat(webhook.received()).hasSize(1);
        assertThat(committedOffset()).isNull();
        assertThat(deadLetterProducer.history()).isEmpty();
    }

    @Test
    void dispatchesRecordsFetchedAfterARebalanceWithinTheSamePoll() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new Delivered());
        AlertConsumerLoop loop = loop(webhook);
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(PARTITION)));
        consumer.schedulePollTask(() -> {
            // An eager rebalance: the partition is revoked and assigned straight back before the fetch.
            consumer.rebalance(List.of());
            consumer.rebalance(List.of(PARTITION));
            consumer.addRecord(alertAt(0));
        });
        consumer.schedulePollTask(loop::stop);

        loop.run();

        assertThat(webhook.received()).hasSize(1);
        assertThat(committedOffset()).isEqualTo(1);
    }

    @Test
    void stoppingDuringRetriesLeavesTheAlertUncommitted() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new RetryableFailure("connection refused"));
        AlertConsumerLoop loop = loop(webhook);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            consumer.addRecord(alertAt(0));
        });
        consumer.schedulePollTask(loop::stop);

        loop.run();

        assertThat(webhook.received()).hasSize(1);
        assertThat(committedOffset()).isNull();
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void commitsPastAnUndecodableRecordOnceItIsDeadLettered() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new Delivered());
        AlertConsumerLoop loop = loop(webhook);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            consumer.addRecord(new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), 0, null,
                    "garbage".getBytes(StandardCharsets.UTF_8)));
            consumer.addRecord(alertAt(1));
        });
        consumer.schedulePollTask(loop::stop);

        loop.run();

        assertThat(deadLetterProducer.history()).hasSize(1);
        assertThat(webhook.received()).hasSize(1);
        assertThat(committedOffset()).isEqualTo(2);
    }

    private AlertConsumerLoop loop(ScriptedDestination destination) {
        AlertDispatcher dispatcher = new AlertDispatcher(List.of(destination), new Backoff(SLOW_BACKOFF, new HighestDraw()),
                new DeadLetterPublisher(deadLetterProducer), InstantSource.system());
        return new AlertConsumerLoop(consumer, dispatcher);
    }

    private static ConsumerRecord<byte[], byte[]> alertAt(long offset) {
        byte[] alert = Topics.ALERTS.valueSerde().serializer().serialize(PARTITION.topic(), SampleAlerts.costAnomaly().build());
        return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, null, alert);
    }

    private Long committedOffset() {
        OffsetAndMetadata committed = consumer.committed(Set.of(PARTITION)).get(PARTITION);
        return committed == null ? null : committed.offset();
    }
}
