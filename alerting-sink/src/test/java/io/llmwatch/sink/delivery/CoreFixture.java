package io.llmwatch.sink.delivery;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.topic.Topics;
import io.llmwatch.sink.ledger.DeliveryLedger;
import io.llmwatch.sink.routing.RouteTable;
import io.llmwatch.sink.silence.SilenceBook;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.List;

/** A {@link DeliveryCore} on scripted destinations, a mock dead-letter producer and an in-memory ledger. */
public final class CoreFixture {

    public static final TopicPartition PARTITION = new TopicPartition(Topics.ALERTS.name(), 0);
    /** Fast enough that retries happen within a test, slow enough to be seen. */
    public static final BackoffSettings QUICK_BACKOFF = new BackoffSettings(Duration.ofMillis(20), Duration.ofMillis(50));

    public final MockProducer<byte[], byte[]> deadLetterProducer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    public final DeliveryLedger ledger = DeliveryLedger.inMemory();
    public final SilenceBook silences = new SilenceBook();
    private long nextOffset;

    public DeliveryCore core(RouteTable routes, Destination... destinations) {
        DeliveryCore core = new DeliveryCore(List.of(destinations), routes, silences, ledger,
                new DeadLetterPublisher(deadLetterProducer), new Backoff(QUICK_BACKOFF, new HighestDraw()), InstantSource.system());
        core.start();
        return core;
    }

    public DeliveryCore core(Destination... destinations) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (Destination destination : destinations) {
            names.add(destination.name());
        }
        return core(RouteTable.everythingTo(names), destinations);
    }

    public ConsumerRecord<byte[], byte[]> record(AlertEvent alert) {
        return record(Topics.ALERTS.valueSerde().serializer().serialize(PARTITION.topic(), alert));
    }

    public ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), nextOffset++, null, value);
    }

    /** The offset the core would let this fixture's partition commit now. */
    public static long safeOffset(DeliveryCore core) {
        return core.safeOffsets().get(PARTITION).offset();
    }
}
