package io.llmwatch.processor.detection.nab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsWriterTest {

    @TempDir
    Path outDir;

    @Test
    void writesNabsResultsLayoutWithTheLabelOfEachRecord() throws IOException {
        NabSeries series = new NabSeries("realAWSCloudwatch", "disk", List.of(
                new NabRecord("2014-03-01 17:34:00", 0, 25_000_000),
                new NabRecord("2014-03-01 17:39:00", 300_000, 0.5),
                new NabRecord("2014-03-01 17:44:00", 600_000, 1)),
                List.of(new AnomalyWindow(1, 1)));

        Path file = ResultsWriter.write(outDir, "llmwatch", new ScoredSeries(series, List.of(0.0, 0.75, 0.00001)));

        assertThat(file).isEqualTo(outDir.resolve("realAWSCloudwatch").resolve("llmwatch_disk.csv"));
        assertThat(Files.readAllLines(file)).containsExactly(
                "timestamp,value,anomaly_score,label",
                "2014-03-01 17:34:00,25000000,0,0",
                "2014-03-01 17:39:00,0.5,0.75,1",
                "2014-03-01 17:44:00,1,0.00001,0");
    }
}
