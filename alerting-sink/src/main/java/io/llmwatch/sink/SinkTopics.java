package io.llmwatch.sink;

import io.llmwatch.schemas.topic.Topic;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The sink's own state, kept on compacted topics so every instance (and every restart) shares it. */
public final class SinkTopics {

    /**
     * What each destination accepted: key {@code destination|alertId}, value the instant. Compacted and
     * kept as long as the alerts topic, so any alert that can still be redelivered is known.
     */
    public static final Topic<String, String> DELIVERIES = new Topic<>("llmwatch.alerts.deliveries.v1",
            Serdes.String(), Serdes.String(), Map.of("cleanup.policy", "compact,delete",
            "retention.ms", Long.toString(Duration.ofDays(30).toMillis())));

    /** Silences by id, as JSON; an expired silence is rewritten with its new end. */
    public static final Topic<String, String> SILENCES = new Topic<>("llmwatch.alerts.silences.v1",
            Serdes.String(), Serdes.String(), Map.of("cleanup.policy", "compact"));

    public static final List<Topic<?, ?>> ALL = List.of(DELIVERIES, SILENCES);

    private SinkTopics() {
    }
}
