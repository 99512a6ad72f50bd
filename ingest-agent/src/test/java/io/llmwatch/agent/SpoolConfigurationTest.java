package io.llmwatch.agent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpoolConfigurationTest {

    @TempDir
    Path spoolDirectory;

    private final List<LlmWatch> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(client -> client.close(Duration.ZERO));
    }

    @Test
    void withoutADirectoryThereIsNoSpool() {
        LlmWatch watch = start(new CapturedExport().builder());

        assertThat(watch.counters().spoolCapacityBytes()).isZero();
    }

    @Test
    void environmentVariablesConfigureTheSpool() {
        LlmWatch watch = start(new CapturedExport().builder().applyEnvironment(Map.of(
                "LLMWATCH_SPOOL_DIRECTORY", spoolDirectory.toString(),
                "LLMWATCH_SPOOL_MAX_BYTES", "1048576",
                "LLMWATCH_SPOOL_FSYNC", "records:10")));

        assertThat(watch.counters().spoolCapacityBytes()).isEqualTo(1_048_576);
    }

    @Test
    void propertiesConfigureTheSpoolLikeTheirEnvironmentVariables() {
        Properties properties = new Properties();
        properties.setProperty("llmwatch.spool.directory", spoolDirectory.toString());
        properties.setProperty("llmwatch.spool.fsync", "never");

        LlmWatch watch = start(new CapturedExport().builder().applyProperties(properties));

        assertThat(watch.counters().spoolCapacityBytes()).isEqualTo(LlmWatchBuilder.DEFAULT_SPOOL_MAX_BYTES);
    }

    @Test
    void malformedSpoolSettingsAreReportedByTheirNames() {
        LlmWatchBuilder builder = LlmWatch.builder();

        assertThatThrownBy(() -> builder.applyEnvironment(Map.of("LLMWATCH_SPOOL_FSYNC", "sometimes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LLMWATCH_SPOOL_FSYNC");
        assertThatThrownBy(() -> builder.applyEnvironment(Map.of("LLMWATCH_SPOOL_MAX_BYTES", "1024")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LLMWATCH_SPOOL_MAX_BYTES");
    }

    @Test
    void twoClientsCannotShareASpoolDirectory() {
        start(new CapturedExport().builder().spoolDirectory(spoolDirectory));

        assertThatThrownBy(() -> new CapturedExport().builder().spoolDirectory(spoolDirectory).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another client");
    }

    private LlmWatch start(LlmWatchBuilder builder) {
        LlmWatch watch = builder.build();
        clients.add(watch);
        return watch;
    }
}
