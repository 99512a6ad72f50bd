/**
 * Bounded samples of a series and the rank statistics that compare them: a recent window against the baseline
 * before it ({@link io.llmwatch.processor.detection.comparison.BaselineAndRecent}), their
 * {@link io.llmwatch.processor.detection.comparison.Shift} (medians, Cliff's δ, Mann–Whitney U), and the
 * {@link io.llmwatch.processor.detection.comparison.SeriesWatch} that runs a detector's rule over them.
 */
package io.llmwatch.processor.detection.comparison;
