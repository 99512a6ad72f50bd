package io.llmwatch.agent.export;

import io.llmwatch.agent.spool.EncodedEvent;
import io.llmwatch.agent.spool.Settlement;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightTest {

    /** Acknowledges only when the test says so, as a broker that is slow or gone would. */
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final ExportCounters counters = new ExportCounters(new ExportQueue(16), null);

    private static EncodedEvent event(int valueBytes) {
        return new EncodedEvent("topic", "key", new byte[valueBytes]);
    }

    @Test
    void unacknowledgedEventsFillTheBudgetAndAcknowledgementsFromAnotherThreadFreeIt() throws Exception {
        EncodedEvent event = event(100);
        InFlight inFlight = new InFlight(3L * event.sizeInBytes(), counters, false, () -> { });
        for (int i = 0; i < 3; i++) {
            assertThat(inFlight.hasRoomFor(event)).isTrue();
            assertThat(inFlight.handOver(producer, event, Settlement.NONE)).isTrue();
        }
        assertThat(inFlight.hasRoomFor(event)).as("three events fill the budget").isFalse();

        // Acknowledged on another thread, as the producer's network thread does.
        CompletableFuture.runAsync(producer::completeNext).get();

        assertThat(inFlight.hasRoomFor(event)).isTrue();
        assertThat(inFlight.isEmpty()).isFalse();
        CompletableFuture.runAsync(() -> {
            producer.completeNext();
            producer.errorNext(new IllegalStateException("refused for good"));
        }).get();
        assertThat(inFlight.isEmpty()).as("every delivery ended, one of them failed").isTrue();
        assertThat(inFlight.finished()).isEqualTo(3);
        assertThat(counters.snapshot().sent()).isEqualTo(2);
    }

    @Test
    void deliveriesAcknowledgedOnAnyThreadAllCountAndOneInEightIsTimed() throws Exception {
        EncodedEvent event = event(10);
        InFlight inFlight = new InFlight(1_000_000, counters, false, () -> { });
        int events = 4 * InFlight.SEND_LATENCY_SAMPLING;
        for (int i = 0; i < events; i++) {
            inFlight.handOver(producer, event, Settlement.NONE);
        }

        // The first thread to acknowledge owns the delivery counts; another one must still be counted.
        acknowledgeOnNewThread(events / 2);
        acknowledgeOnNewThread(events - events / 2);

        assertThat(inFlight.finished()).isEqualTo(events);
        assertThat(inFlight.isEmpty()).isTrue();
        AgentCounters snapshot = counters.snapshot();
        assertThat(snapshot.sent()).isEqualTo(events);
        assertThat(snapshot.sendLatency().count()).isEqualTo(events / InFlight.SEND_LATENCY_SAMPLING);
    }

    private void acknowledgeOnNewThread(int acknowledgements) throws InterruptedException {
        Thread acknowledging = new Thread(() -> {
            for (int i = 0; i < acknowledgements; i++) {
                producer.completeNext();
            }
        });
        acknowledging.start();
        acknowledging.join();
    }

    @Test
    void anEventLargerThanTheWholeBudgetFitsOnlyWhenNothingElseIsInFlight() throws Exception {
        InFlight inFlight = new InFlight(1_000, counters, false, () -> { });
        EncodedEvent small = event(10);
        EncodedEvent huge = event(5_000);
        assertThat(inFlight.hasRoomFor(huge)).isTrue();

        inFlight.handOver(producer, small, Settlement.NONE);
        assertThat(inFlight.hasRoomFor(huge)).isFalse();

        CompletableFuture.runAsync(producer::completeNext).get();
        assertThat(inFlight.hasRoomFor(huge)).isTrue();
    }
}
