package io.llmwatch.processor.detection.drift;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which indicators of a prompt moved between two samples, and how. Only indicators with enough samples on both sides
 * are listed.
 *
 * @param comparison what was compared: a new version against the one before it, or a version's newest calls against
 *                   its earlier ones
 * @param before     the version of the earlier sample
 * @param after      the version of the later sample (the same as {@code before} over time)
 */
public record DriftReport(Comparison comparison, PromptVersion before, PromptVersion after,
                          List<IndicatorShift> indicators) {

    public enum Comparison {
        VERSION_CHANGE, OVER_TIME;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DriftReport {
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        indicators = List.copyOf(indicators);
    }

    public List<IndicatorShift> moved() {
        return indicators.stream().filter(IndicatorShift::moved).toList();
    }

    /** The indicator that moved most, by the size of its effect: the headline of an alert. */
    Optional<IndicatorShift> largest() {
        return indicators.stream().max(Comparator.comparingDouble(shift -> Math.abs(shift.effectSize())));
    }
}
