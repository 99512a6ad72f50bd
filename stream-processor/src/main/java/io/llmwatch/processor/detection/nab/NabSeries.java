package io.llmwatch.processor.detection.nab;

import java.util.List;
import java.util.Objects;

/**
 * One data file of the corpus with its labelled anomaly windows.
 *
 * @param category the folder the file lives in, e.g. {@code realTweets}
 * @param name     the file name without {@code .csv}, e.g. {@code Twitter_volume_AAPL}
 * @param records  the rows in file order
 * @param windows  the labelled windows in time order, not overlapping
 */
public record NabSeries(String category, String name, List<NabRecord> records, List<AnomalyWindow> windows) {

    public NabSeries {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(name, "name");
        records = List.copyOf(records);
        windows = List.copyOf(windows);
        for (int i = 0; i < windows.size(); i++) {
            AnomalyWindow window = windows.get(i);
            if (window.lastRow() >= records.size()) {
                throw new IllegalArgumentException(name + ": window " + window + " ends after the last record");
            }
            if (i > 0 && window.firstRow() <= windows.get(i - 1).lastRow()) {
                throw new IllegalArgumentException(name + ": windows overlap or are out of order: " + windows);
            }
        }
    }

    /** The key NAB's label files use, e.g. {@code realTweets/Twitter_volume_AAPL.csv}. */
    public String relativePath() {
        return category + "/" + name + ".csv";
    }

    /** Whether the record at {@code row} lies inside a labelled window; NAB's {@code label} column. */
    public boolean isLabelled(int row) {
        return windows.stream().anyMatch(window -> window.contains(row));
    }
}
