package io.llmwatch.agent.export;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ExportQueueTest {

    @Test
    void refusesInsertsBeyondItsCapacityAndCountsOnlyThoseItTook() {
        ExportQueue queue = new ExportQueue(2);

        assertThat(queue.offer(new TestEvent("a", "1"))).isEqualTo(1);
        assertThat(queue.offer(new TestEvent("b", "2"))).isEqualTo(2);
        assertThat(queue.offer(new TestEvent("c", "3"))).as("full").isNegative();

        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.accepted()).isEqualTo(2);
        assertThat(queue.poll().key()).isEqualTo("a");
        assertThat(queue.offer(new TestEvent("d", "4"))).isEqualTo(2);
        assertThat(List.of(queue.poll().key(), queue.poll().key())).containsExactly("b", "d");
        assertThat(queue.poll()).isNull();
    }

    @Test
    void concurrentProducersLoseNothingAndEachKeepsItsOrder() throws Exception {
        ExportQueue queue = new ExportQueue(64);
        int producers = 4;
        int eventsEach = 20_000;
        ExecutorService executor = Executors.newFixedThreadPool(producers);
        List<Future<?>> offering = new ArrayList<>();
        for (int producer = 0; producer < producers; producer++) {
            String name = "p" + producer;
            offering.add(executor.submit(() -> {
                for (int i = 0; i < eventsEach; i++) {
                    while (queue.offer(new TestEvent(name, Integer.toString(i))) < 0) {
                        Thread.onSpinWait();
                    }
                }
            }));
        }

        Map<String, Integer> lastSeen = new HashMap<>();
        int taken = 0;
        while (taken < producers * eventsEach) {
            OutboundRecord<?> event = queue.poll();
            if (event == null) {
                Thread.onSpinWait();
                continue;
            }
            int number = Integer.parseInt((String) event.value());
            assertThat(number).isEqualTo(lastSeen.merge(event.key(), 0, (previous, ignored) -> previous + 1));
            taken++;
        }
        for (Future<?> future : offering) {
            future.get();
        }
        executor.shutdown();

        assertThat(queue.accepted()).isEqualTo((long) producers * eventsEach);
        assertThat(queue.size()).isZero();
    }
}
