package io.llmwatch.processor.detection.nab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoringProfilesReaderTest {

    @TempDir
    Path directory;

    @Test
    void readsNabsThreeProfilesInFileOrder() {
        assertThat(ScoringProfilesReader.read(SharedNabCorpus.profilesFile())).containsExactly(
                new ScoringProfile("standard", new CostMatrix(1.0, 0.11, 1.0)),
                new ScoringProfile("reward_low_FP_rate", new CostMatrix(1.0, 0.22, 1.0)),
                new ScoringProfile("reward_low_FN_rate", new CostMatrix(1.0, 0.11, 2.0)));
    }

    @Test
    void rejectsAProfileWithoutItsWeights() throws IOException {
        Path file = Files.writeString(directory.resolve("profiles.json"),
                "{\"standard\": {\"CostMatrix\": {\"tpWeight\": 1.0, \"fnWeight\": 1.0}}}");

        assertThatThrownBy(() -> ScoringProfilesReader.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fpWeight");
    }
}
