package io.llmwatch.sink.grouping;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.sink.SampleAlerts;
import io.llmwatch.sink.grouping.AlertGroup.Batch;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Alertmanager's timers, driven by explicit instants. */
class AlertGroupTest {

    private static final Instant T0 = Instant.parse("2025-11-06T12:00:00Z");
    private static final GroupingPolicy POLICY = new GroupingPolicy(List.of("type"), Duration.ofSeconds(30),
            Duration.ofMinutes(5), Duration.ofHours(4));

    private final AlertGroup<String> group = new AlertGroup<>("g", POLICY);
    private final AlertEvent aAlert = alert("a");
    private final AlertEvent bAlert = alert("b");

    @Test
    void aNewGroupWaitsGroupWaitAndCollectsEverythingMeanwhile() {
        group.add(alert("a"), "a", T0);
        group.add(alert("b"), "b", T0.plusSeconds(10));

        assertThat(group.dueAt()).contains(T0.plusSeconds(30));
        Batch<String> batch = group.take().orElseThrow();
        assertThat(batch.alerts()).extracting(AlertEvent::getDedupKey).containsExactly("a", "b");
        assertThat(batch.settles()).containsExactly("a", "b");
        assertThat(batch.repeat()).isFalse();
    }

    @Test
    void newsAfterANotificationWaitsForTheGroupInterval() {
        group.add(alert("a"), "a", T0);
        group.take();
        group.settled(T0.plusSeconds(30));

        group.add(alert("c"), "c", T0.plusSeconds(40));

        assertThat(group.dueAt()).contains(T0.plusSeconds(30).plus(Duration.ofMinutes(5)));
        assertThat(group.take().orElseThrow().alerts()).extracting(AlertEvent::getDedupKey).containsExactly("a", "c");
    }

    @Test
    void anUnchangedFiringGroupIsRepeatedAfterTheRepeatInterval() {
        group.add(alert("a"), "a", T0);
        group.take();
        group.settled(T0.plusSeconds(30));

        assertThat(group.dueAt()).contains(T0.plusSeconds(30).plus(Duration.ofHours(4)));
        Batch<String> reminder = group.take().orElseThrow();
        assertThat(reminder.repeat()).isTrue();
        assertThat(reminder.settles()).isEmpty();
    }

    @Test
    void resolvedIncidentsLeaveOnceAnnouncedAndAnEmptyGroupIsDone() {
        group.add(alert("a"), "a", T0);
        group.take();
        group.settled(T0.plusSeconds(30));
        group.add(AlertEvent.newBuilder(alert("a")).setStatus(AlertStatus.RESOLVED).build(), "a-resolved", T0.plusSeconds(60));

        Batch<String> resolution = group.take().orElseThrow();
        group.settled(T0.plus(Duration.ofMinutes(6)));

        assertThat(resolution.alerts()).singleElement().extracting(AlertEvent::getStatus).isEqualTo(AlertStatus.RESOLVED);
        assertThat(group.isEmpty()).isTrue();
        assertThat(group.dueAt()).isEmpty();
    }

    @Test
    void aBatchBeingRetriedIsAttemptedAgainUnchangedWhileNewsWaits() {
        group.add(alert("a"), "a", T0);
        Batch<String> first = group.take().orElseThrow();
        group.retryAt(T0.plusSeconds(45));
        group.add(alert("b"), "b", T0.plusSeconds(40));

        assertThat(group.dueAt()).contains(T0.plusSeconds(45));
        assertThat(group.take()).containsSame(first);
        assertThat(first.retries()).isEqualTo(1);
    }

    @Test
    void withdrawnAlertsAreNeitherAnnouncedNorKeptAsState() {
        group.add(aAlert, "a", T0);
        group.add(bAlert, "b", T0);

        group.withdraw("a"::equals);

        assertThat(group.take().orElseThrow().alerts()).extracting(AlertEvent::getDedupKey).containsExactly("b");
    }

    @Test
    void aGroupWhoseAlertsWereAllWithdrawnHasNothingToSay() {
        group.add(aAlert, "a", T0);

        group.withdraw("a"::equals);

        assertThat(group.take()).isEmpty();
        assertThat(group.isEmpty()).isTrue();
    }

    @Test
    void anIncidentsTransitionsAreAnnouncedOneByOneInOrder() {
        AlertGroup<String> incident = new AlertGroup<>("a", GroupingPolicy.IMMEDIATE);
        incident.add(aAlert, "firing", T0);
        incident.add(AlertEvent.newBuilder(aAlert).setStatus(AlertStatus.RESOLVED).build(), "resolved", T0);

        Batch<String> firing = incident.take().orElseThrow();
        incident.settled(T0);
        Batch<String> resolved = incident.take().orElseThrow();
        incident.settled(T0);

        assertThat(firing.settles()).containsExactly("firing");
        assertThat(firing.alerts()).singleElement().extracting(AlertEvent::getStatus).isEqualTo(AlertStatus.FIRING);
        assertThat(resolved.settles()).containsExactly("resolved");
        assertThat(resolved.alerts()).singleElement().extracting(AlertEvent::getStatus).isEqualTo(AlertStatus.RESOLVED);
        assertThat(incident.isEmpty()).isTrue();
    }

    @Test
    void keysGroupsByRouteAndLabelsOrByIncident() {
        assertThat(AlertGroup.keyOf("chat", POLICY, Map.of("type", "cost_spike"))).isEqualTo("chat{type=cost_spike}");
        assertThat(AlertGroup.keyOf("page", GroupingPolicy.IMMEDIATE, Map.of("dedupKey", "k"))).isEqualTo("k");
    }

    private static AlertEvent alert(String dedupKey) {
        return SampleAlerts.costAnomaly().setDedupKey(dedupKey).build();
    }
}
