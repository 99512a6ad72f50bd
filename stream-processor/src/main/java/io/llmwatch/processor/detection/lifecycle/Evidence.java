package io.llmwatch.processor.detection.lifecycle;

import java.util.List;
import java.util.Objects;

/**
 * What a detector saw, in the form an alert carries it.
 *
 * @param observed         the observed value as a decimal string (plain USD for money)
 * @param expected         what was expected instead, same unit
 * @param unit             the unit of both, e.g. {@code USD}, {@code ms}, {@code score}, {@code error rate}
 * @param score            the detector's effect size or ratio, when it has one
 * @param pValue           the significance test's p-value, when a test decided
 * @param exemplarTraceIds a few traces that show the problem, newest last
 */
public record Evidence(String observed, String expected, String unit, Double score, Double pValue,
                       List<String> exemplarTraceIds) {

    public Evidence {
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(unit, "unit");
        exemplarTraceIds = List.copyOf(exemplarTraceIds);
    }
}
