package io.llmwatch.processor.detection.efficiency;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A scored, priced call of one version of a prompt: what quality per dollar needs.
 *
 * @param version the prompt version, its template hash or any label that tells versions apart
 * @param quality the call's quality score, higher is better, normally in [0, 1]
 * @param costUsd the call's exact cost
 */
public record VersionOutcome(String version, long eventTimeMillis, String traceId, double quality, BigDecimal costUsd) {

    public VersionOutcome {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(costUsd, "costUsd");
        if (!Double.isFinite(quality)) {
            throw new IllegalArgumentException("quality must be finite: " + quality);
        }
    }
}
