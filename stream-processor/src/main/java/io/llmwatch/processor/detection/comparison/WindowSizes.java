package io.llmwatch.processor.detection.comparison;

/**
 * Sizes of the two windows of a {@link BaselineAndRecent}, in observations. They bound a key's memory: at most
 * {@code recent + baseline} numbers.
 *
 * @param recent   the newest observations, judged against the baseline
 * @param baseline the observations before them, the normal they are judged against
 */
public record WindowSizes(int recent, int baseline) {

    public WindowSizes {
        if (recent < 1 || baseline < 1) {
            throw new IllegalArgumentException("window sizes must be positive: recent " + recent + ", baseline " + baseline);
        }
    }
}
