package io.llmwatch.processor.detection.signal;

import io.llmwatch.processor.batching.Batch;
import io.llmwatch.processor.batching.BatchSerde;
import io.llmwatch.processor.cost.CostSample;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallSignalCodecTest {

    private final BatchSerde<CallSignal> serde = new BatchSerde<>("CallSignal", new CallSignalCodec());

    @Test
    void aBatchSurvivesWithItsTimestampSharedStringsAndExactMoney() {
        Batch<CallSignal> batch = new Batch<>();
        batch.add(signal("t-1", "u-1", "0.0015"), 1_500);
        batch.add(signal("t-2", null, "0.000012345678901234567890"), 2_500);
        batch.add(signal("t-3", "u-1", "3"), 2_000);

        Batch<CallSignal> read = roundTrip(batch);

        assertThat(read).isEqualTo(batch);
        assertThat(read.newestTimestamp()).isEqualTo(2_500);
        assertThat(read.values().get(1).sample().costUsd()).isEqualTo(new BigDecimal("0.000012345678901234567890"));
    }

    @Test
    void aFullSignalSurvivesWithExactMoney() {
        CallSignal signal = new CallSignal(new CostSample("trace", 1_700_000_000_123L, "acme", "u-1", "support-chat",
                "production", "support-answer@3", "openai", "gpt-4o", new BigDecimal("0.000012345678901234567890"),
                1_200, 300, 1_000, 850, true), "support-answer", 3, "ab".repeat(32), 120L,
                List.of(new NamedScore("helpfulness", 0.75), new NamedScore("heuristic.no_error", 0)), false);

        assertThat(roundTrip(batchOf(signal)).values()).containsExactly(signal);
    }

    @Test
    void absentFieldsStayAbsent() {
        CallSignal signal = new CallSignal(new CostSample("trace", 1L, null, null, null, null, null, null, "mystery-model",
                null, 0, 0, 0, 0, false), null, null, null, null, List.of(), true);

        assertThat(roundTrip(batchOf(signal)).values()).containsExactly(signal);
    }

    @Test
    void repeatedStringsAreWrittenOnce() {
        Batch<CallSignal> one = new Batch<>();
        one.add(signal("t-1", "u-1", "0.0015"), 1);
        Batch<CallSignal> two = new Batch<>();
        two.add(signal("t-1", "u-1", "0.0015"), 1);
        two.add(signal("t-1", "u-1", "0.0015"), 1);

        int first = serde.serializer().serialize("t", one).length;
        int second = serde.serializer().serialize("t", two).length - first;

        assertThat(second).isLessThan(first / 2);
    }

    @Test
    void aReferenceToAStringNotYetReadIsRefused() {
        Batch<CallSignal> batch = new Batch<>();
        batch.add(signal("t-1", "u-1", "0.0015"), 1);
        byte[] bytes = serde.serializer().serialize("t", batch);
        // Format, count and the first timestamp; the trace id (flag, length, "t-1") and event time; then the tenant,
        // the batch's first string, written as "new string" (-1): make it string 7.
        int tenantAt = 1 + Integer.BYTES + Long.BYTES + 1 + 2 + "t-1".length() + Long.BYTES;
        ByteBuffer.wrap(bytes).putInt(tenantAt, 7);

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class);
    }

    private static Batch<CallSignal> batchOf(CallSignal signal) {
        Batch<CallSignal> batch = new Batch<>();
        batch.add(signal, signal.sample().eventTimeMillis());
        return batch;
    }

    private Batch<CallSignal> roundTrip(Batch<CallSignal> batch) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", batch));
    }

    private static CallSignal signal(String traceId, String user, String cost) {
        return new CallSignal(new CostSample(traceId, 1_000, "acme", user, "search", "production", "answer@2", "openai",
                "gpt-4o", new BigDecimal(cost), 100, 50, 0, 300, false), "answer", 2, "ab".repeat(32), 12L,
                List.of(new NamedScore("heuristic.no_error", 1)), false);
    }
}
