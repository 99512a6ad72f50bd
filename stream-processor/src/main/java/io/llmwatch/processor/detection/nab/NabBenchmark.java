package io.llmwatch.processor.detection.nab;

import io.llmwatch.processor.detection.anomaly.AnomalySettings;
import io.llmwatch.processor.detection.anomaly.AnomalyState;
import io.llmwatch.processor.detection.anomaly.CostAnomalyDetector;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs the production cost-anomaly detector, with one parameter set, over every series of a NAB corpus as a stream,
 * writes its scores in NAB's results layout and scores them with NAB's rules.
 *
 * <p>Each series starts from an empty state and is fed record by record, exactly as a state store would feed one
 * dimension key; series run in parallel since they share nothing.
 */
public final class NabBenchmark {

    /** The name NAB's layout gives our results files: {@code llmwatch_<series>.csv}. */
    public static final String DETECTOR_NAME = "llmwatch";

    private final AnomalySettings settings;

    public NabBenchmark(AnomalySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param dataDir      NAB's {@code data} folder: {@code <category>/<series>.csv}
     * @param windowsFile  NAB's {@code combined_windows.json}
     * @param profilesFile NAB's {@code profiles.json}
     * @param outDir       where {@code <category>/llmwatch_<series>.csv} are written
     */
    public NabResult run(Path dataDir, Path windowsFile, Path profilesFile, Path outDir) {
        List<ScoringProfile> profiles = ScoringProfilesReader.read(profilesFile);
        List<ScoredSeries> corpus = NabCorpusReader.read(dataDir, windowsFile).parallelStream()
                .map(series -> detectAndRecord(series, outDir))
                .toList();
        return CorpusScorer.score(corpus, profiles);
    }

    private ScoredSeries detectAndRecord(NabSeries series, Path outDir) {
        ScoredSeries scored = detect(series);
        ResultsWriter.write(outDir, DETECTOR_NAME, scored);
        return scored;
    }

    private ScoredSeries detect(NabSeries series) {
        CostAnomalyDetector detector = new CostAnomalyDetector(settings);
        AnomalyState state = null;
        List<Double> scores = new ArrayList<>(series.records().size());
        for (NabRecord record : series.records()) {
            CostAnomalyDetector.Step step = detector.step(state, record.epochMillis(), record.value());
            state = step.state();
            scores.add(step.score());
        }
        return new ScoredSeries(series, scores);
    }
}
