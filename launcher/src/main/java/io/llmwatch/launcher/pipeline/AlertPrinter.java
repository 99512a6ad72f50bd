package io.llmwatch.launcher.pipeline;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.topic.TopicFollower;
import io.llmwatch.schemas.topic.TopicFollower.StartAt;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Prints every alert committed to the alert topic from now on, as it fires or resolves. */
final class AlertPrinter implements AutoCloseable {

    private final PrintWriter out;
    private final Consumer<AlertEvent> onAlert;
    private final AtomicLong printed = new AtomicLong();
    private final TopicFollower<String, byte[]> follower;

    AlertPrinter(Map<String, Object> clientConfig, PrintWriter out, Consumer<AlertEvent> onAlert) {
        this.out = out;
        this.onAlert = onAlert;
        this.follower = TopicFollower.start(clientConfig, Topics.ALERTS.name(), StartAt.END,
                new StringDeserializer(), new ByteArrayDeserializer(), this::print);
    }

    private void print(ConsumerRecord<String, byte[]> record) {
        AlertEvent alert;
        try {
            alert = Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            out.printf("ALERT (undecodable at %s-%d@%d: %s)%n", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        printed.incrementAndGet();
        out.printf("ALERT %s [%s] %s %s=%s: %s%s%n",
                alert.getStatus(), alert.getSeverity().name().toLowerCase(Locale.ROOT), alert.getType(),
                alert.getDimension(), alert.getDimensionKey(), alert.getSummary(),
                alert.getStatus() == AlertStatus.FIRING && !alert.getExemplarTraceIds().isEmpty()
                        ? " (exemplar trace " + alert.getExemplarTraceIds().get(0) + ")" : "");
        onAlert.accept(alert);
    }

    long printed() {
        return printed.get();
    }

    @Override
    public void close() {
        follower.close();
    }
}
