package io.llmwatch.agent.export;

import io.llmwatch.agent.spool.Spool;

import java.util.Objects;
import java.util.Optional;

/**
 * Where events wait on their way to Kafka, each place bounded: the queue (in events), the producer's buffer
 * (in bytes handed over and not yet acknowledged) and, if configured, the spool on disk.
 *
 * @param inFlightBytes kept below the producer's {@code buffer.memory}, so the producer never blocks for buffer
 */
public record ExportBuffers(int queueCapacity, long inFlightBytes, Optional<Spool> spool) {

    public ExportBuffers {
        if (queueCapacity <= 0) {
            throw new IllegalArgumentException("queueCapacity must be positive, was " + queueCapacity);
        }
        if (inFlightBytes <= 0) {
            throw new IllegalArgumentException("inFlightBytes must be positive, was " + inFlightBytes);
        }
        Objects.requireNonNull(spool, "spool");
    }

    /** Without a spool: when Kafka cannot take events they wait in the queue, and new ones are dropped once it is full. */
    public static ExportBuffers inMemory(int queueCapacity, long inFlightBytes) {
        return new ExportBuffers(queueCapacity, inFlightBytes, Optional.empty());
    }

    /** The same limits, with events Kafka cannot take spilling to {@code spool}. */
    public ExportBuffers withSpool(Spool spool) {
        return new ExportBuffers(queueCapacity, inFlightBytes, Optional.of(spool));
    }
}
