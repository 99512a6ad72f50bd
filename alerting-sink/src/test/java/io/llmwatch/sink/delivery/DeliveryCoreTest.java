package io.llmwatch.sink.delivery;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import io.llmwatch.sink.SampleAlerts;
import io.llmwatch.sink.delivery.DeliveryResult.Delivered;
import io.llmwatch.sink.delivery.DeliveryResult.PermanentFailure;
import io.llmwatch.sink.delivery.DeliveryResult.RetryableFailure;
import io.llmwatch.sink.routing.Matcher;
import io.llmwatch.sink.routing.RoutesFile;
import io.llmwatch.sink.silence.Silence;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.llmwatch.sink.delivery.CoreFixture.safeOffset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeliveryCoreTest {

    private final CoreFixture fixture = new CoreFixture();
    private final List<DeliveryCore> cores = new ArrayList<>();

    @AfterEach
    void stopCores() {
        cores.forEach(DeliveryCore::close);
    }

    @Test
    void settlesOnceEveryDestinationAccepted() {
        ScriptedDestination slack = new ScriptedDestination("slack", new Delivered());
        ScriptedDestination pager = new ScriptedDestination("pagerduty", new Delivered());
        DeliveryCore core = started(fixture.core(slack, pager));
        AlertEvent alert = SampleAlerts.costAnomaly().build();

        core.accept(fixture.record(alert));

        await().until(() -> safeOffset(core) == 1);
        assertThat(slack.alertIds()).containsExactly(alert.getAlertId());
        assertThat(pager.alertIds()).containsExactly(alert.getAlertId());
        assertThat(fixture.ledger.accepted("slack", alert.getAlertId())).isTrue();
        assertThat(fixture.deadLetterProducer.history()).isEmpty();
    }

    @Test
    void retriesARetryableFailureUntilDeliveredAndHoldsTheOffsetMeanwhile() {
        ScriptedDestination webhook = new ScriptedDestination("webhook",
                new RetryableFailure("HTTP 503"), new RetryableFailure("timeout"), new Delivered());
        DeliveryCore core = started(fixture.core(webhook));

        core.accept(fixture.record(SampleAlerts.costAnomaly().build()));

        await().until(() -> safeOffset(core) == 1);
        assertThat(webhook.received()).hasSize(3);
    }

    @Test
    void aDestinationThatKeepsFailingDoesNotHoldBackAnother() {
        ScriptedDestination down = new ScriptedDestination("slack", new RetryableFailure("HTTP 500"));
        ScriptedDestination up = new ScriptedDestination("pagerduty", new Delivered());
        DeliveryCore core = started(fixture.core(down, up));

        core.accept(fixture.record(SampleAlerts.costAnomaly().build()));
        core.accept(fixture.record(SampleAlerts.costAnomaly().setDedupKey("other").build()));

        await().until(() -> up.received().size() == 2 && down.received().size() >= 4);
        assertThat(safeOffset(core)).isZero();
    }

    @Test
    void deadLettersAPermanentRefusalWithDestinationAndReasonAndSettles() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new PermanentFailure("HTTP 400: unknown tenant"));
        DeliveryCore core = started(fixture.core(webhook));

        core.accept(fixture.record(SampleAlerts.costAnomaly().build()));

        await().until(() -> safeOffset(core) == 1);
        ProducerRecord<byte[], byte[]> deadLetter = fixture.deadLetterProducer.history().get(0);
        assertThat(header(deadLetter, DeadLetterPublisher.DESTINATION_HEADER)).isEqualTo("webhook");
        assertThat(header(deadLetter, DeadLetterPublisher.REASON_HEADER)).isEqualTo("HTTP 400: unknown tenant");
    }

    @Test
    void treatsADestinationThatThrowsAsAPermanentRefusal() {
        Destination broken = new Destination() {
            @Override
            public String name() {
                return "webhook";
            }

            @Override
            public DeliveryResult deliver(Notification notification) {
                throw new IllegalStateException("bug");
            }
        };
        DeliveryCore core = started(fixture.core(broken));

        core.accept(fixture.record(SampleAlerts.costAnomaly().build()));

        await().until(() -> safeOffset(core) == 1);
        assertThat(header(fixture.deadLetterProducer.history().get(0), DeadLetterPublisher.REASON_HEADER)).contains("bug");
    }

    @Test
    void deadLettersUndecodableBytesWithoutBotheringDestinations() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new Delivered());
        DeliveryCore core = started(fixture.core(webhook));

        core.accept(fixture.record("garbage".getBytes(StandardCharsets.UTF_8)));
        core.accept(fixture.record((byte[]) null));

        assertThat(safeOffset(core)).isEqualTo(2);
        assertThat(fixture.deadLetterProducer.history()).hasSize(2);
        assertThat(header(fixture.deadLetterProducer.history().get(1), DeadLetterPublisher.REASON_HEADER)).isEqualTo("record has no value");
        assertThat(webhook.received()).isEmpty();
    }

    @Test
    void doesNotResendWhatTheLedgerSaysADestinationAlreadyAccepted() {
        ScriptedDestination slack = new ScriptedDestination("slack", new Delivered());
        ScriptedDestination pager = new ScriptedDestination("pagerduty", new Delivered());
        AlertEvent alert = SampleAlerts.costAnomaly().build();
        fixture.ledger.record("pagerduty", alert.getAlertId());
        DeliveryCore core = started(fixture.core(slack, pager));

        core.accept(fixture.record(alert));

        await().until(() -> safeOffset(core) == 1);
        assertThat(slack.received()).hasSize(1);
        assertThat(pager.received()).isEmpty();
    }

    @Test
    void aSilencedAlertIsCommittedWithoutDelivery() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new Delivered());
        fixture.silences.put(new Silence("s1", List.of(Matcher.parse("tenant=acme"), Matcher.parse("type=~cost_.*")),
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600), "test", "maintenance"));
        DeliveryCore core = started(fixture.core(webhook));

        core.accept(fixture.record(SampleAlerts.costAnomaly().build()));
        core.accept(fixture.record(SampleAlerts.costAnomaly().setTenant("globex").setDedupKey("globex").build()));

        await().until(() -> safeOffset(core) == 2);
        assertThat(webhook.received()).singleElement()
                .satisfies(notification -> assertThat(notification.single().getTenant()).isEqualTo("globex"));
    }

    @Test
    void anExpiredSilenceMutesNothing() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new Delivered());
        fixture.silences.put(new Silence("s1", List.of(Matcher.parse("tenant=acme")),
                Instant.now().minusSeconds(600), Instant.now().minusSeconds(60), "test", ""));
        DeliveryCore core = started(fixture.core(webhook));

        core.accept(fixture.record(SampleAlerts.costAnomaly().build()));

        await().until(() -> webhook.received().size() == 1);
    }

    @Test
    void aFiringCriticalAlertInhibitsWarningsForTheSameKeyAndTheirResolution() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new Delivered());
        DeliveryCore core = started(fixture.core(webhook));
        AlertEvent critical = SampleAlerts.costAnomaly().setDedupKey("critical").build();
        AlertEvent warning = SampleAlerts.costAnomaly().setDedupKey("warning").setSeverity(Severity.WARNING).build();
        AlertEvent otherKey = SampleAlerts.costAnomaly().setDedupKey("other").setSeverity(Severity.WARNING)
                .setDimensionKey("search").build();

        core.accept(fixture.record(critical));
        core.accept(fixture.record(warning));
        core.accept(fixture.record(otherKey));
        core.accept(fixture.record(AlertEvent.newBuilder(warning).setAlertId("w2").setStatus(AlertStatus.RESOLVED).build()));

        await().until(() -> safeOffset(core) == 4);
        assertThat(webhook.received()).extracting(notification -> notification.single().getDedupKey())
                .containsExactlyInAnyOrder("critical", "other");
    }

    @Test
    void anAlertNoRouteMatchesIsCommittedWithoutDelivery() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new Delivered());
        DeliveryCore core = started(fixture.core(RoutesFile.parse("""
                routes:
                  - type: budget
                    destinations: [webhook]
                """), webhook));

        core.accept(fixture.record(SampleAlerts.costAnomaly().build()));

        assertThat(safeOffset(core)).isEqualTo(1);
        assertThat(webhook.received()).isEmpty();
    }

    @Test
    void groupsAThousandPerUserAlertsIntoAHandfulOfMessages() {
        ScriptedDestination slack = new ScriptedDestination("slack", new Delivered());
        DeliveryCore core = started(fixture.core(RoutesFile.parse("""
                routes:
                  - destinations: [slack]
                    group_by: [type, dimension]
                    group_wait: 300ms
                    group_interval: 300ms
                """), slack));

        for (int user = 0; user < 1_000; user++) {
            core.accept(fixture.record(SampleAlerts.costAnomaly().setDimension("user").setDimensionKey("u-" + user)
                    .setDedupKey("cost_anomaly|user|u-" + user).build()));
        }

        await().until(() -> safeOffset(core) == 1_000);
        assertThat(slack.received()).hasSizeBetween(1, 5);
        assertThat(slack.received().get(slack.received().size() - 1).alerts()).hasSize(1_000);
        assertThat(slack.received()).allSatisfy(notification -> assertThat(notification.perIncident()).isFalse());
    }

    @Test
    void alertsBeyondTheRateLimitWaitAndAreGroupedNeverDropped() {
        ScriptedDestination slack = new ScriptedDestination("slack", new Delivered())
                .limitedTo(new RateLimit(1, Duration.ofMillis(400)));
        DeliveryCore core = started(fixture.core(RoutesFile.parse("""
                routes:
                  - destinations: [slack]
                    group_by: [type]
                    group_wait: 0s
                    group_interval: 0s
                """), slack));

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            AlertEvent alert = SampleAlerts.costAnomaly().setDedupKey("k" + i).build();
            ids.add(alert.getAlertId());
            core.accept(fixture.record(alert));
        }

        await().until(() -> safeOffset(core) == 50);
        assertThat(slack.received().size()).isLessThan(10);
        assertThat(slack.received().get(slack.received().size() - 1).alerts()).hasSize(50);
        assertThat(fixture.deadLetterProducer.history()).isEmpty();
        ids.forEach(id -> assertThat(fixture.ledger.accepted("slack", id)).isTrue());
    }

    @Test
    void aResolutionAfterTheFiringIsAnnounced() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new Delivered());
        DeliveryCore core = started(fixture.core(webhook));
        AlertEvent firing = SampleAlerts.costAnomaly().build();

        core.accept(fixture.record(firing));
        await().until(() -> webhook.received().size() == 1);
        core.accept(fixture.record(AlertEvent.newBuilder(firing).setAlertId("resolved").setStatus(AlertStatus.RESOLVED).build()));

        await().until(() -> webhook.received().size() == 2);
        assertThat(webhook.received().get(1).single().getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(webhook.received().get(1).isResolved()).isTrue();
    }

    @Test
    void alertsOfALostPartitionStillWaitingInTheirGroupAreWithdrawn() {
        ScriptedDestination slack = new ScriptedDestination("slack", new Delivered());
        DeliveryCore core = started(fixture.core(RoutesFile.parse("""
                routes:
                  - destinations: [slack]
                    group_by: [type]
                    group_wait: 500ms
                """), slack));
        AlertEvent lost = SampleAlerts.costAnomaly().build();
        AlertEvent kept = SampleAlerts.costAnomaly().setDedupKey("kept").build();
        core.accept(fixture.record(lost));

        core.forget(List.of(CoreFixture.PARTITION));
        core.accept(fixture.record(kept));

        await().until(() -> safeOffset(core) == 2);
        assertThat(slack.alertIds()).containsExactly(kept.getAlertId());
    }

    private DeliveryCore started(DeliveryCore core) {
        cores.add(core);
        return core;
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
