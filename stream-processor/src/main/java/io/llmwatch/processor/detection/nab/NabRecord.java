package io.llmwatch.processor.detection.nab;

import java.util.Objects;

/**
 * One row of a NAB data file.
 *
 * @param timestamp   the timestamp exactly as the file spells it, so results can be written back unchanged
 * @param epochMillis the same instant, read as UTC
 * @param value       the observed value
 */
public record NabRecord(String timestamp, long epochMillis, double value) {

    public NabRecord {
        Objects.requireNonNull(timestamp, "timestamp");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite at " + timestamp + ": " + value);
        }
    }
}
