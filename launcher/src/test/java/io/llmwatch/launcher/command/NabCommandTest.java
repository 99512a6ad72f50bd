package io.llmwatch.launcher.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.launcher.LlmWatchCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code nab} command on one category of the shared corpus: the contract of its output, not the score. */
class NabCommandTest {

    private static Path sharedNab() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("shared/data/nab");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/data/nab not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void scoresEverySeriesAndPrintsEachProfilesScoreAndThreshold(@TempDir Path work) throws IOException {
        Path nab = sharedNab();
        Path data = work.resolve("data");
        Path category = Files.createDirectories(data.resolve("artificialWithAnomaly"));
        for (String series : List.of("art_daily_jumpsup.csv", "art_daily_flatmiddle.csv")) {
            Files.copy(nab.resolve("data/artificialWithAnomaly").resolve(series), category.resolve(series));
        }
        Path out = work.resolve("out");
        StringWriter stdout = new StringWriter();
        CommandLine cli = LlmWatchCli.commandLine();
        cli.setOut(new PrintWriter(stdout, true));

        int exitCode = cli.execute("nab", "--data", data.toString(), "--windows",
                nab.resolve("combined_windows.json").toString(), "--out", out.toString());

        assertThat(exitCode).isZero();
        JsonNode result = new ObjectMapper().readTree(stdout.toString());
        for (String profile : List.of("standard", "reward_low_FP_rate", "reward_low_FN_rate")) {
            assertThat(result.get(profile).get("score").isNumber()).as(profile).isTrue();
            assertThat(result.get(profile).get("threshold").asDouble()).as(profile).isBetween(0.0, 1.0);
        }
        Path scored = out.resolve("artificialWithAnomaly/llmwatch_art_daily_jumpsup.csv");
        List<String> lines = Files.readAllLines(scored);
        assertThat(lines.get(0)).isEqualTo("timestamp,value,anomaly_score,label");
        assertThat(lines).hasSize(Files.readAllLines(category.resolve("art_daily_jumpsup.csv")).size());
    }
}
