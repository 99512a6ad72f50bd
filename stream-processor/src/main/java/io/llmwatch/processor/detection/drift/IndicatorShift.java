package io.llmwatch.processor.detection.drift;

import io.llmwatch.processor.detection.comparison.Shift;
import io.llmwatch.processor.detection.comparison.ShiftCriteria;
import io.llmwatch.processor.detection.lifecycle.NumberText;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

import static io.llmwatch.processor.detection.lifecycle.NumberText.decimal;
import static io.llmwatch.processor.detection.lifecycle.NumberText.percentChange;
import static io.llmwatch.processor.detection.lifecycle.NumberText.rounded;

/**
 * How one indicator compares between two samples, as the drift report shows it.
 *
 * @param moved        significant and at least the minimum effect
 * @param worse        moved, and in the direction that hurts (slower, bigger, dearer, lower quality)
 * @param direction    which way it went, by the sign of the effect size
 * @param effectSize   Cliff's δ of after against before, in [-1, 1]
 * @param pValue       Mann–Whitney U, two-sided
 * @param medianBefore in the indicator's unit, four significant digits (USD for cost)
 */
public record IndicatorShift(Indicator indicator, boolean moved, boolean worse, Direction direction, int samplesBefore,
                             int samplesAfter, BigDecimal medianBefore, BigDecimal medianAfter, double effectSize,
                             double pValue) {

    public IndicatorShift {
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(medianBefore, "medianBefore");
        Objects.requireNonNull(medianAfter, "medianAfter");
    }

    static IndicatorShift of(Indicator indicator, Shift shift, ShiftCriteria criteria) {
        boolean moved = criteria.moved(shift);
        Direction direction = Direction.of(shift.cliffsDelta());
        return new IndicatorShift(indicator, moved, moved && indicator.worse(direction), direction, shift.beforeCount(),
                shift.afterCount(), rounded(shift.beforeMedian()), rounded(shift.afterMedian()), shift.cliffsDelta(),
                shift.pValue());
    }

    /** e.g. {@code output_tokens up +48% (median 410 from 277, p=1.2e-09, Cliff's delta 0.62)}. */
    String describe() {
        return String.format(Locale.ROOT, "%s %s %s (median %s from %s, p=%s, Cliff's delta %s)", indicator.label(),
                direction.label(), percentChange(medianBefore.doubleValue(), medianAfter.doubleValue()),
                medianAfter.toPlainString(), medianBefore.toPlainString(), NumberText.pValue(pValue), decimal(effectSize));
    }
}
