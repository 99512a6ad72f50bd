package io.llmwatch.processor.detection.anomaly;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.processor.serde.JsonSerde;
import io.llmwatch.schemas.alert.AlertStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule at the detection benchmark's sizes: one-second buckets open ten seconds past their end. */
class CostAnomalyRuleTest {

    /** A bucket starts here. */
    private static final long SECOND_ZERO = 1_700_000_000_000L;
    /** The run the replayed calls come from started here: bucket boundaries fall where they fell in it. */
    private static final long BENCH_START = SECOND_ZERO + 554;
    private static final CostAnomalySettings BENCH = CostAnomalySettings.DEFAULTS
            .withBucket(Duration.ofSeconds(1), Duration.ofSeconds(10));

    private final CostAnomalyRule rule = new CostAnomalyRule(BENCH);
    private final List<Verdict> verdicts = new ArrayList<>();
    private CostWatchState state;
    private long calls;

    private void call(long eventTimeMillis, String costUsd) {
        DetectorStep<CostWatchState> step = rule.step(state, eventTimeMillis, "trace-" + ++calls,
                new BigDecimal(costUsd));
        state = step.state();
        verdicts.addAll(step.verdicts());
    }

    private List<Verdict> verdicts(AlertStatus status) {
        return verdicts.stream().filter(verdict -> verdict.status() == status).toList();
    }

    /** A user with about one call a second, most of them cheap, now and then a translation costing 40 times more. */
    private void replayBenchUser1218() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/detection/bench-user-1218-calls.csv")) {
            String csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            csv.lines().filter(line -> !line.startsWith("#")).forEach(line -> {
                String[] fields = line.split(",");
                call(BENCH_START + Long.parseLong(fields[0]), fields[1]);
            });
        }
    }

    @Test
    void aSparseKeysChanceBurstOfItsDearestCallsIsNoAnomaly() throws IOException {
        replayBenchUser1218();

        // Four of its translations landed in one bucket, 160 times its median bucket and three times its largest
        // recent deviation, but a user with a call a second and calls this unequal does that by chance.
        assertThat(state.detector().observations()).isGreaterThanOrEqualTo(BENCH.detector().warmUpObservations());
        assertThat(verdicts(AlertStatus.FIRING)).isEmpty();
    }

    @Test
    void aSparseKeysRunawayLoopIsStillAnAnomaly() throws IOException {
        replayBenchUser1218();
        // Three hundred calls in a second: six times the burst it had just before, which the detector now remembers.
        for (int i = 0; i < 300; i++) {
            call(SECOND_ZERO + 125_000 + i * 3L, "0.0015");
        }

        assertThat(verdicts(AlertStatus.FIRING)).singleElement().satisfies(fired -> {
            assertThat(fired.incident().startMillis()).isEqualTo(SECOND_ZERO + 125_000);
            assertThat(fired.summary()).contains("while the bucket is still open");
        });
    }

    @Test
    void anEarlyFiringIsNotResolvedByTheOlderBucketsStillInTheirGrace() {
        for (int second = 0; second < 130; second++) {
            for (int i = 0; i < 20 + second % 5; i++) {
                call(SECOND_ZERO + second * 1_000L + i * 40L, "0.0100");
            }
        }
        for (int i = 0; i < 200; i++) {
            call(SECOND_ZERO + 130_000 + i * 4L, "0.0100");
        }
        assertThat(verdicts(AlertStatus.FIRING)).singleElement()
                .satisfies(fired -> assertThat(fired.summary()).contains("while the bucket is still open"));
        // The ten buckets before the spike close calm while it is open, then the spike closes, then calm again.
        for (int second = 131; second < 160; second++) {
            for (int i = 0; i < 20 + second % 5; i++) {
                call(SECOND_ZERO + second * 1_000L + i * 40L, "0.0100");
            }
        }

        assertThat(verdicts(AlertStatus.FIRING)).hasSize(1);
        assertThat(verdicts(AlertStatus.RESOLVED)).singleElement().satisfies(resolved -> {
            assertThat(resolved.incident().id()).isEqualTo(verdicts(AlertStatus.FIRING).get(0).incident().id());
            assertThat(resolved.incident().endMillis()).isGreaterThan(SECOND_ZERO + 131_000);
        });
    }

    /** Detector states live in stores across upgrades: one from before buckets counted calls restarts its buckets. */
    @Test
    void aStateStoredBeforeBucketsCountedTheirCallsStillReads() throws IOException {
        replayBenchUser1218();
        JsonSerde<CostWatchState> serde = new JsonSerde<>(CostWatchState.class);
        ObjectNode json = (ObjectNode) JsonSerde.MAPPER.readTree(
                serde.serializer().serialize("store", state));
        json.remove(List.of("openBuckets", "noise"));
        json.putArray("openBucketsUsd").add(new BigDecimal("0.0014"));

        CostWatchState stored = serde.deserializer().deserialize("store", JsonSerde.MAPPER.writeValueAsBytes(json));

        assertThat(stored.openBuckets()).isEmpty();
        assertThat(stored.noise()).isEqualTo(SpendNoise.NONE);
        assertThat(stored.detector()).isEqualTo(state.detector());
    }
}
