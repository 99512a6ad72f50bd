package io.llmwatch.processor.batching;

import io.llmwatch.processor.cost.CostSample;
import io.llmwatch.processor.detection.signal.CallSignal;
import io.llmwatch.processor.detection.signal.SignalRouting;
import io.llmwatch.processor.state.PreCommitHook;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedBatcherTest {

    private static final String STORE = "pending";
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private MockProcessorContext<String, Batch<CallSignal>> context;
    private PreCommitHook hook;

    @BeforeEach
    void open() {
        context = new MockProcessorContext<>();
        hook = PreCommitHook.builder(STORE).build();
        hook.init(context.getStateStoreContext(), hook);
        context.addStateStore(hook);
    }

    @Test
    void forwardsOneBatchPerDetectorKeyWithItsSignalsInArrivalOrder() {
        KeyedBatcher<CallSignal> batcher = started();
        CallSignal first = signal("t-1", "u-1", 1_000);
        CallSignal second = signal("t-2", "u-2", 3_000);
        CallSignal third = signal("t-3", "u-1", 2_000);

        batcher.process(new Record<>("t-1", first, 1_000));
        batcher.process(new Record<>("t-2", second, 3_000));
        batcher.process(new Record<>("t-3", third, 2_000));
        assertThat(context.forwarded()).isEmpty();
        punctuate();

        Map<String, Batch<CallSignal>> batches = forwardedBatches();
        assertThat(batches.keySet()).containsExactlyInAnyOrder("cost#feature|search", "cost#user|u-1", "cost#user|u-2",
                "cost#tenant|acme", "cost#model|gpt-4o", "cost#global|all", "timing#model|gpt-4o", "timing#provider|openai");
        assertThat(batches.get("cost#global|all").values()).containsExactly(first.measurements(), second.measurements(), third.measurements());
        assertThat(batches.get("cost#user|u-1").values()).containsExactly(first.measurements(), third.measurements());
        assertThat(context.forwarded()).allSatisfy(forward ->
                assertThat(forward.record().timestamp()).isEqualTo(forward.record().value().newestTimestamp()));
        assertThat(batches.get("cost#global|all").newestTimestamp()).isEqualTo(3_000);
        assertThat(batches.get("cost#user|u-1").newestTimestamp()).isEqualTo(2_000);
    }

    @Test
    void forwardsEverythingItHoldsBeforeEachCommitSoItHoldsNothingACrashCouldLose() {
        KeyedBatcher<CallSignal> batcher = started();
        CallSignal counted = signal("t-1", "u-1", 1_000);
        batcher.process(new Record<>("t-1", counted, 1_000));

        commit();

        assertThat(forwardedBatches()).hasSize(7);
        assertThat(forwardedBatches().get("cost#global|all").values()).containsExactly(counted.measurements());
        context.resetForwards();
        commit();
        punctuate();
        assertThat(context.forwarded()).as("each signal forwarded once").isEmpty();
    }

    private KeyedBatcher<CallSignal> started() {
        KeyedBatcher<CallSignal> batcher = new KeyedBatcher<>(STORE, INTERVAL, (traceId, signal) -> SignalRouting.route(signal));
        batcher.init(context);
        return batcher;
    }

    private void punctuate() {
        context.scheduledPunctuators().forEach(scheduled -> scheduled.getPunctuator().punctuate(0));
    }

    /** What Kafka Streams calls on every store of the task while it prepares a commit. */
    private void commit() {
        hook.flushCache();
    }

    private Map<String, Batch<CallSignal>> forwardedBatches() {
        return context.forwarded().stream().map(CapturedForward::record)
                .collect(Collectors.toMap(Record::key, Record::value, (a, b) -> {
                    throw new AssertionError("two batches for one key in one flush");
                }));
    }

    private static CallSignal signal(String traceId, String user, long eventTime) {
        return new CallSignal(new CostSample(traceId, eventTime, "acme", user, "search", null, null, "openai", "gpt-4o",
                new BigDecimal("0.0015"), 100, 50, 0, 300, false), null, null, null, null, List.of(), false);
    }
}
