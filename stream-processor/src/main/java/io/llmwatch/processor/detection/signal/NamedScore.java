package io.llmwatch.processor.detection.signal;

import java.util.Objects;

/**
 * One quality score of a call, whatever produced it.
 *
 * @param name  what was scored, e.g. {@code helpfulness}, {@code thumbs} or a heuristic such as {@code not_truncated}
 * @param value higher is better, normally in [0, 1]
 */
public record NamedScore(String name, double value) {

    public NamedScore {
        Objects.requireNonNull(name, "name");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("score " + name + " must be finite: " + value);
        }
    }
}
