package io.llmwatch.launcher.bench;

import io.llmwatch.agent.export.AgentProducerConfig;
import io.llmwatch.launcher.bench.PublishedRound.PublishedRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline: a plain {@code KafkaProducer} with the agent's tuning and types (a string key, the value
 * already serialized) sending records as fast as one thread can. It sends as many records as the agent
 * delivered, going round a sample of the agent's own records, so they have the sizes the agent's events have.
 * Unlike the agent it may block when its buffer is full, which is how a plain producer applies back-pressure.
 * Sharing the agent's types also keeps the JIT's profile of the producer's code the same for both, so neither
 * run deoptimizes the other's.
 */
final class RawProducerRun {

    private static final Duration MAX_BLOCK = Duration.ofMinutes(1);

    private RawProducerRun() {
    }

    /** Events per second, and the whole process's CPU per event meanwhile (see {@link ProcessCpu}). */
    record Result(double eventsPerSecond, long cpuNanosPerEvent) {
    }

    /** Sends {@code count} records of {@code sample}, round and round, to {@code topic} and waits for every acknowledgement. */
    static Result run(String bootstrapServers, String topic, List<PublishedRecord> sample, int count) {
        Map<String, Object> config = AgentProducerConfig.build(bootstrapServers, "llmwatch-bench-raw-producer",
                Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis()));
        AtomicLong failures = new AtomicLong();
        try (Producer<String, byte[]> producer = AgentProducerConfig.newProducer(config)) {
            producer.partitionsFor(topic);
            long started = System.nanoTime();
            long cpuAtStart = ProcessCpu.nanos();
            for (int i = 0; i < count; i++) {
                PublishedRecord record = sample.get(i % sample.size());
                producer.send(new ProducerRecord<>(topic, record.key(), record.value()), (metadata, error) -> {
                    if (error != null) {
                        failures.incrementAndGet();
                    }
                });
            }
            producer.flush();
            long elapsed = System.nanoTime() - started;
            long cpuPerEvent = ProcessCpu.perEvent(cpuAtStart, ProcessCpu.nanos(), count);
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " records of the raw producer failed");
            }
            return new Result(count * 1e9 / elapsed, cpuPerEvent);
        }
    }
}
