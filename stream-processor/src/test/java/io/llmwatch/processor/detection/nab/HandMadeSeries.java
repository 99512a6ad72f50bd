package io.llmwatch.processor.detection.nab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Tiny series, one record a minute, for scoring cases small enough to check by hand. */
final class HandMadeSeries {

    private static final long MINUTE = 60_000;

    private HandMadeSeries() {
    }

    static NabSeries withWindows(int rows, AnomalyWindow... windows) {
        List<NabRecord> records = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            records.add(new NabRecord("t" + row, row * MINUTE, 0));
        }
        return new NabSeries("handMade", "series" + rows, records, List.of(windows));
    }

    /** The series scored 0 everywhere except at the given rows. */
    static ScoredSeries detections(NabSeries series, Map<Integer, Double> scoreByRow) {
        List<Double> scores = new ArrayList<>(Collections.nCopies(series.records().size(), 0.0));
        scoreByRow.forEach(scores::set);
        return new ScoredSeries(series, scores);
    }
}
