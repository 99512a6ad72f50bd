package io.llmwatch.processor.detection.nab;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a detector's scores in NAB's results layout: {@code <outDir>/<category>/<detector>_<series>.csv} with the
 * columns {@code timestamp,value,anomaly_score,label}, where {@code label} is 1 inside a labelled window.
 */
public final class ResultsWriter {

    private static final String HEADER = "timestamp,value,anomaly_score,label";

    private ResultsWriter() {
    }

    /** Writes one series and returns the file it wrote. */
    public static Path write(Path outDir, String detectorName, ScoredSeries scored) {
        NabSeries series = scored.series();
        Path file = outDir.resolve(series.category()).resolve(detectorName + "_" + series.name() + ".csv");
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter writer = Files.newBufferedWriter(file)) {
                writer.write(HEADER);
                writer.newLine();
                for (int row = 0; row < series.records().size(); row++) {
                    NabRecord record = series.records().get(row);
                    writer.write(record.timestamp() + "," + plain(record.value()) + ","
                            + plain(scored.anomalyScores().get(row)) + "," + (series.isLabelled(row) ? 1 : 0));
                    writer.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** Plain decimal notation: every CSV reader parses it, and no exponent hides a magnitude from a human reader. */
    private static String plain(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }
}
