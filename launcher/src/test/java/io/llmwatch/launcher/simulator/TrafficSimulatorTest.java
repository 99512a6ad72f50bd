package io.llmwatch.launcher.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TrafficSimulatorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<Interaction> delivered = new CopyOnWriteArrayList<>();
    private TrafficSimulator simulator;

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void deliversTrafficAsItHappensAndSignalsTheIncidentWhenItStarts() {
        Instant started = Instant.now();
        simulator = TrafficSimulator.start(SimulatorConfig.of(300, 1, Duration.ofMillis(400)), delivered::add);
        CompletableFuture<Instant> incident = simulator.incidentStarted().toCompletableFuture();

        await().atMost(TIMEOUT).until(() -> incident.isDone() && delivered.stream().anyMatch(Interaction::duringIncident));

        assertThat(incident.join()).isEqualTo(simulator.incidentStartsAt()).isAfterOrEqualTo(started.plusMillis(400));
        assertThat(simulator.requestsDelivered()).isEqualTo(delivered.size());
        assertThat(delivered).allSatisfy(interaction ->
                assertThat(interaction.root().endTime()).isBetween(started, Instant.now()));
        assertThat(delivered).filteredOn(Interaction::duringIncident)
                .allSatisfy(interaction -> assertThat(interaction.root().endTime()).isAfterOrEqualTo(simulator.incidentStartsAt()));
        assertThat(simulator.incidentDescription()).startsWith("support-chat");
    }

    @Test
    void closeStopsTheTraffic() {
        simulator = TrafficSimulator.start(SimulatorConfig.of(300, 1, Duration.ofMinutes(5)), delivered::add);
        await().atMost(TIMEOUT).until(() -> delivered.size() > 20);

        simulator.close();
        int atClose = delivered.size();

        await().during(Duration.ofMillis(500)).atMost(TIMEOUT).until(() -> delivered.size() == atClose);
    }

    @Test
    void aSinkThatFailsOnceDoesNotStopTheSimulation() {
        AtomicBoolean failedOnce = new AtomicBoolean();
        simulator = TrafficSimulator.start(SimulatorConfig.of(300, 1, Duration.ofMinutes(5)), interaction -> {
            if (failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("sink hiccup");
            }
            delivered.add(interaction);
        });

        await().atMost(TIMEOUT).until(() -> failedOnce.get() && delivered.size() > 20);
    }
}
