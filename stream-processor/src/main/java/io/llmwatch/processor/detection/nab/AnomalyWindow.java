package io.llmwatch.processor.detection.nab;

/**
 * A labelled anomaly window of one series, as the positions of its first and last record (both inclusive).
 *
 * <p>NAB labels windows by timestamp; positions are what its scoring arithmetic works on.
 */
public record AnomalyWindow(int firstRow, int lastRow) {

    public AnomalyWindow {
        if (firstRow < 0 || lastRow < firstRow) {
            throw new IllegalArgumentException("need 0 <= firstRow <= lastRow, got " + firstRow + ".." + lastRow);
        }
    }

    /** Records in the window, both edges counted. */
    public int width() {
        return lastRow - firstRow + 1;
    }

    public boolean contains(int row) {
        return row >= firstRow && row <= lastRow;
    }
}
