package io.llmwatch.agent;

/**
 * A quality score attached to a span by an in-process evaluator.
 *
 * @param name    e.g. {@code helpfulness}, {@code faithfulness}
 * @param value   normalised to [0, 1] where the evaluator allows; higher is better
 * @param comment free text, or null
 */
public record Score(String name, double value, String comment) {
}
