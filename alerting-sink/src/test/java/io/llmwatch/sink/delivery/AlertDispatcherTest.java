package io.llmwatch.sink.delivery;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.topic.Topics;
import io.llmwatch.sink.SampleAlerts;
import io.llmwatch.sink.delivery.DeliveryResult.Delivered;
import io.llmwatch.sink.delivery.DeliveryResult.PermanentFailure;
import io.llmwatch.sink.delivery.DeliveryResult.RetryableFailure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertDispatcherTest {

    private static final BackoffSettings BACKOFF = new BackoffSettings(Duration.ofMillis(100), Duration.ofSeconds(5));

    private final MockProducer<byte[], byte[]> deadLetterProducer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final ManualClock clock = new ManualClock();
    private final List<Duration> waits = new ArrayList<>();
    private final RetryWait waitOnTheClock = delay -> {
        waits.add(delay);
        clock.advance(delay);
        return true;
    };
    private final AlertEvent alert = SampleAlerts.costAnomaly().build();
    private final ConsumerRecord<byte[], byte[]> record = recordOf(Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert));

    @Test
    void settlesOnceEveryDestinationAccepted() {
        ScriptedDestination slack = new ScriptedDestination("slack", new Delivered());
        ScriptedDestination pager = new ScriptedDestination("pager", new Delivered());

        assertThat(dispatcher(slack, pager).dispatch(record, waitOnTheClock)).isTrue();

        assertThat(slack.received()).containsExactly(alert);
        assertThat(pager.received()).containsExactly(alert);
        assertThat(waits).isEmpty();
        assertThat(deadLetterProducer.history()).isEmpty();
    }

    @Test
    void retriesARetryableFailureAfterTheBackoffUntilDelivered() {
        ScriptedDestination webhook = new ScriptedDestination("webhook",
                new RetryableFailure("HTTP 503"), new RetryableFailure("HTTP 503"), new Delivered());

        assertThat(dispatcher(webhook).dispatch(record, waitOnTheClock)).isTrue();

        assertThat(webhook.received()).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(deadLetterProducer.history()).isEmpty();
    }

    @Test
    void waitsAsLongAsRetryAfterAsksWhenThatIsLongerThanTheBackoff() {
        ScriptedDestination webhook = new ScriptedDestination("webhook",
                new RetryableFailure("HTTP 429", Duration.ofSeconds(30)), new Delivered());

        dispatcher(webhook).dispatch(record, waitOnTheClock);

        assertThat(waits).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void retriesOnlyTheDestinationThatFailed() {
        ScriptedDestination slack = new ScriptedDestination("slack", new RetryableFailure("HTTP 500"), new Delivered());
        ScriptedDestination pager = new ScriptedDestination("pager", new Delivered());

        assertThat(dispatcher(slack, pager).dispatch(record, waitOnTheClock)).isTrue();

        assertThat(slack.received()).hasSize(2);
        assertThat(pager.received()).hasSize(1);
    }

    @Test
    void deadLettersAPermanentRefusalWithItsReasonAndSettles() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new PermanentFailure("HTTP 400: bad payload"));

        assertThat(dispatcher(webhook).dispatch(record, waitOnTheClock)).isTrue();

        assertThat(deadLetterProducer.history()).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.topic()).isEqualTo(Topics.ALERTS_DLQ.name());
            assertThat(deadLetter.key()).isEqualTo(record.key());
            assertThat(deadLetter.value()).isEqualTo(record.value());
            assertThat(header(deadLetter, DeadLetterPublisher.DESTINATION_HEADER)).isEqualTo("webhook");
            assertThat(header(deadLetter, DeadLetterPublisher.REASON_HEADER)).isEqualTo("HTTP 400: bad payload");
            assertThat(header(deadLetter, DeadLetterPublisher.ORIGINAL_TOPIC_HEADER)).isEqualTo(Topics.ALERTS.name());
            assertThat(header(deadLetter, DeadLetterPublisher.ORIGINAL_PARTITION_HEADER)).isEqualTo("2");
            assertThat(header(deadLetter, DeadLetterPublisher.ORIGINAL_OFFSET_HEADER)).isEqualTo("41");
        });
    }

    @Test
    void treatsADestinationThatThrowsAsAPermanentRefusal() {
        Destination broken = new Destination() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public DeliveryResult deliver(AlertEvent alert) {
                throw new IllegalStateException("bug");
            }
        };

        assertThat(dispatcher(broken).dispatch(record, waitOnTheClock)).isTrue();

        assertThat(deadLetterProducer.history()).singleElement()
                .satisfies(deadLetter -> assertThat(header(deadLetter, DeadLetterPublisher.REASON_HEADER)).contains("bug"));
    }

    @Test
    void leavesTheAlertUnsettledWhenTheWaitIsGivenUp() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new RetryableFailure("connection refused"));

        assertThat(dispatcher(webhook).dispatch(record, delay -> false)).isFalse();

        assertThat(webhook.received()).hasSize(1);
        assertThat(deadLetterProducer.history()).isEmpty();
    }

    @Test
    void deadLettersUndecodableBytesWithoutBotheringDestinations() {
        ScriptedDestination webhook = new ScriptedDestination("webhook", new Delivered());
        ConsumerRecord<byte[], byte[]> garbage = recordOf("not an alert".getBytes(StandardCharsets.UTF_8));

        assertThat(dispatcher(webhook).dispatch(garbage, waitOnTheClock)).isTrue();

        assertThat(webhook.received()).isEmpty();
        assertThat(deadLetterProducer.history()).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.value()).isEqualTo(garbage.value());
            assertThat(header(deadLetter, DeadLetterPublisher.REASON_HEADER)).contains("bad header");
            assertThat(deadLetter.headers().lastHeader(DeadLetterPublisher.DESTINATION_HEADER)).isNull();
        });
    }

    @Test
    void deadLettersRecordsWithoutAValue() {
        assertThat(dispatcher(new ScriptedDestination("webhook", new Delivered())).dispatch(recordOf(null), waitOnTheClock)).isTrue();

        assertThat(deadLetterProducer.history()).singleElement().satisfies(deadLetter ->
                assertThat(header(deadLetter, DeadLetterPublisher.REASON_HEADER)).isEqualTo("record has no value"));
    }

    private AlertDispatcher dispatcher(Destination... destinations) {
        // The highest draw makes every jittered delay equal its ceiling, so waits are predictable.
        Backoff backoff = new Backoff(BACKOFF, new HighestDraw());
        return new AlertDispatcher(List.of(destinations), backoff, new DeadLetterPublisher(deadLetterProducer), clock);
    }

    private static ConsumerRecord<byte[], byte[]> recordOf(byte[] value) {
        return new ConsumerRecord<>(Topics.ALERTS.name(), 2, 41, "dedup-key".getBytes(StandardCharsets.UTF_8), value);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static final class ManualClock implements InstantSource {
        private Instant now = Instant.parse("2025-11-06T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }
}
