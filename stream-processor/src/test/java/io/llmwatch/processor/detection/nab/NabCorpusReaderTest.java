package io.llmwatch.processor.detection.nab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NabCorpusReaderTest {

    @TempDir
    Path dataDir;

    private Path windowsFile(String json) throws IOException {
        return Files.writeString(dataDir.resolveSibling(dataDir.getFileName() + "-windows.json"), json);
    }

    private void dataFile(String relativePath, String content) throws IOException {
        Path file = dataDir.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void readsSeriesWithTheirWindowsAsRowPositions() throws IOException {
        dataFile("realTweets/Twitter_volume_X.csv", """
                timestamp,value
                2015-02-26 21:42:53,104
                2015-02-26 21:47:53,100.5
                2015-02-26 21:52:53,99
                2015-02-26 21:57:53,98
                """);
        Path windows = windowsFile("""
                {"realTweets/Twitter_volume_X.csv": [["2015-02-26 21:47:53.000000", "2015-02-26 21:52:53.000000"]],
                 "realKnownCause/elsewhere.csv": [["2015-02-26 21:47:53.000000", "2015-02-26 21:52:53.000000"]]}
                """);

        List<NabSeries> corpus = NabCorpusReader.read(dataDir, windows);

        assertThat(corpus).singleElement().satisfies(series -> {
            assertThat(series.category()).isEqualTo("realTweets");
            assertThat(series.name()).isEqualTo("Twitter_volume_X");
            assertThat(series.relativePath()).isEqualTo("realTweets/Twitter_volume_X.csv");
            assertThat(series.records()).extracting(NabRecord::value).containsExactly(104.0, 100.5, 99.0, 98.0);
            assertThat(series.records().get(0).timestamp()).isEqualTo("2015-02-26 21:42:53");
            assertThat(series.records().get(1).epochMillis() - series.records().get(0).epochMillis())
                    .isEqualTo(300_000);
            assertThat(series.windows()).containsExactly(new AnomalyWindow(1, 2));
            assertThat(series.isLabelled(0)).isFalse();
            assertThat(series.isLabelled(2)).isTrue();
        });
    }

    @Test
    void everyDataFileNeedsAnEntryInTheWindowsFile() throws IOException {
        dataFile("cat/a.csv", "timestamp,value\n2015-02-26 21:42:53,1\n");

        assertThatThrownBy(() -> NabCorpusReader.read(dataDir, windowsFile("{}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cat/a.csv");
    }

    @Test
    void windowEdgesMustBeTimestampsOfRecords() throws IOException {
        dataFile("cat/a.csv", "timestamp,value\n2015-02-26 21:42:53,1\n2015-02-26 21:47:53,2\n");

        Path windows = windowsFile("{\"cat/a.csv\": [[\"2015-02-26 21:42:53\", \"2015-02-26 21:45:00\"]]}");

        assertThatThrownBy(() -> NabCorpusReader.read(dataDir, windows))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2015-02-26 21:45:00");
    }

    @Test
    void dataFilesMustHaveNabsHeader() throws IOException {
        dataFile("cat/a.csv", "time,cost\n2015-02-26 21:42:53,1\n");

        assertThatThrownBy(() -> NabCorpusReader.read(dataDir, windowsFile("{\"cat/a.csv\": []}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("header");
    }
}
