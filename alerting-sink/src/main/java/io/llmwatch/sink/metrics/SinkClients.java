package io.llmwatch.sink.metrics;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

import java.util.List;

/**
 * The Kafka clients a running sink owns, handed out only so whoever runs it can export their metrics
 * (e.g. with Micrometer's Kafka client binder, which reads {@code metrics()} and nothing else). The sink
 * uses and closes them; nobody else may.
 *
 * @param consumers the alerts consumer
 * @param producers the dead-letter producer and the producer of the sink's own state (ledger, silences)
 */
public record SinkClients(List<Consumer<?, ?>> consumers, List<Producer<?, ?>> producers) {

    public SinkClients {
        consumers = List.copyOf(consumers);
        producers = List.copyOf(producers);
    }
}
