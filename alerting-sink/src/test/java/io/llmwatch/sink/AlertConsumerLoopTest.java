package io.llmwatch.sink;

import io.llmwatch.sink.delivery.CoreFixture;
import io.llmwatch.sink.delivery.DeliveryCore;
import io.llmwatch.sink.delivery.DeliveryResult.Delivered;
import io.llmwatch.sink.delivery.DeliveryResult.RetryableFailure;
import io.llmwatch.sink.delivery.ScriptedDestination;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The loop against Kafka's {@link MockConsumer}, run on its own thread as the sink runs it. */
class AlertConsumerLoopTest {

    private static final TopicPartition PARTITION = CoreFixture.PARTITION;

    private final RecordingConsumer consumer = new RecordingConsumer();
    private final CoreFixture fixture = new CoreFixture();
    private DeliveryCore core;
    private AlertConsumerLoop loop;
    private Thread runner;

    @BeforeEach
    void partitionStartsEmpty() {
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (loop != null) {
            loop.stop();
            runner.join();
            core.close();
        }
    }

    @Test
    void commitsAlertsOnceSettled() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new Delivered());
        start(webhook);

        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            consumer.addRecord(fixture.record(SampleAlerts.costAnomaly().build()));
            consumer.addRecord(fixture.record(SampleAlerts.costAnomaly().setDedupKey("other").build()));
        });

        await().until(() -> committedOffset() != null && committedOffset() == 2);
        assertThat(webhook.received()).hasSize(2);
    }

    @Test
    void anAlertStillBeingRetriedHoldsBackTheCommitOfLaterOnes() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new RetryableFailure("HTTP 503"));
        start(webhook);

        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            consumer.addRecord(fixture.record(SampleAlerts.costAnomaly().build()));
        });

        await().until(() -> webhook.received().size() >= 3);
        assertThat(committedOffset()).isNull();
    }

    @Test
    void commitsPastAnUndecodableRecordOnceItIsDeadLettered() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new Delivered());
        start(webhook);

        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            consumer.addRecord(fixture.record("garbage".getBytes(StandardCharsets.UTF_8)));
            consumer.addRecord(fixture.record(SampleAlerts.costAnomaly().build()));
        });

        await().until(() -> committedOffset() != null && committedOffset() == 2);
        assertThat(fixture.deadLetterProducer.history()).hasSize(1);
        assertThat(webhook.received()).hasSize(1);
    }

    @Test
    void aRevokedPartitionCommitsWhatIsSettledAndStopsTrackingTheRest() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new Delivered());
        start(webhook);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            consumer.addRecord(fixture.record(SampleAlerts.costAnomaly().build()));
        });
        await().until(() -> committedOffset() != null && committedOffset() == 1);

        consumer.schedulePollTask(() -> consumer.rebalance(List.of()));

        await().until(() -> consumer.assignment().isEmpty());
        assertThat(committedOffset()).isEqualTo(1);
        assertThat(core.safeOffsets()).doesNotContainKey(PARTITION);
    }

    private void start(ScriptedDestination destination) {
        core = fixture.core(destination);
        loop = new AlertConsumerLoop(consumer, core);
        runner = new Thread(loop::run, "loop-under-test");
        runner.start();
    }

    private Long committedOffset() {
        OffsetAndMetadata committed = consumer.lastCommitted.get(PARTITION);
        return committed == null ? null : committed.offset();
    }

    /** Remembers commits itself: MockConsumer reports offset 0 for any partition that is no longer assigned. */
    private static final class RecordingConsumer extends MockConsumer<byte[], byte[]> {
        private final Map<TopicPartition, OffsetAndMetadata> lastCommitted = new ConcurrentHashMap<>();

        private RecordingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            super.commitSync(offsets);
            lastCommitted.putAll(offsets);
        }
    }
}
