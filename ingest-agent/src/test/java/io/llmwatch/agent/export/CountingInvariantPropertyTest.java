package io.llmwatch.agent.export;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code accepted + dropped == offered} in every snapshot, whatever the mix of valid and invalid events, a
 * broker that comes and goes, a full queue and a close in the middle; and in the end every accepted event
 * was either sent or failed.
 */
class CountingInvariantPropertyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    enum Step { OFFER, REJECT, DISCONNECT, RECONNECT, CLOSE }

    @Property(tries = 40)
    void everyOfferIsCountedExactlyOnce(@ForAll("steps") List<Step> steps, @ForAll @IntRange(min = 1, max = 8) int queueCapacity) {
        UnreachableProducer producer = new UnreachableProducer();
        producer.reconnect();
        ExportPipeline pipeline = ExportPipeline.start(producer, ExportBuffers.inMemory(queueCapacity, 1024),
                List.of(TestEvent.TOPIC), List.of());
        long offered = 0;
        for (Step step : steps) {
            switch (step) {
                case OFFER -> pipeline.offer(new TestEvent("key-" + offered, "text"));
                case REJECT -> pipeline.reject(DropReason.INVALID, "a broken event");
                case DISCONNECT -> producer.disconnect();
                case RECONNECT -> producer.reconnect();
                case CLOSE -> pipeline.close(Duration.ZERO);
            }
            if (step == Step.OFFER || step == Step.REJECT) {
                offered++;
            }
            AgentCounters counters = pipeline.counters();
            assertThat(counters.accepted() + counters.dropped()).isEqualTo(counters.offered()).isEqualTo(offered);
        }

        pipeline.close(Duration.ZERO);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            AgentCounters counters = pipeline.counters();
            assertThat(counters.sent() + counters.failed()).isEqualTo(counters.accepted());
        });
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Arbitraries.frequencyOf(
                        Tuple.of(12, Arbitraries.just(Step.OFFER)),
                        Tuple.of(3, Arbitraries.just(Step.REJECT)),
                        Tuple.of(1, Arbitraries.just(Step.DISCONNECT)),
                        Tuple.of(1, Arbitraries.just(Step.RECONNECT)),
                        Tuple.of(1, Arbitraries.just(Step.CLOSE)))
                .list().ofMinSize(1).ofMaxSize(60);
    }
}
