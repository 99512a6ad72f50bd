package io.llmwatch.launcher.command;

import io.llmwatch.processor.detection.DetectionSettings;
import io.llmwatch.processor.detection.anomaly.CostAnomalySettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CostAnomalyOptionsTest {

    private static CostAnomalyOptions parse(String... args) {
        CostAnomalyOptions options = new CostAnomalyOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void withoutOptionsTheProductionDefaultsStand() {
        assertThat(parse().detection(CostAnomalySettings.DEFAULTS)).isEqualTo(DetectionSettings.DEFAULTS);
    }

    @Test
    void theDemoArmsWithinItsFirstHalfMinute() {
        CostAnomalySettings demo = parse().detection(CostAnomalyOptions.DEMO).costAnomaly();

        Duration armedAfter = demo.bucket().multipliedBy(demo.detector().warmUpObservations());
        assertThat(armedAfter).isLessThan(Duration.ofSeconds(30));
        assertThat(demo.grace()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void optionsOverrideThePreset() {
        CostAnomalySettings chosen = parse("--cost-anomaly-bucket", "10s", "--cost-anomaly-warm-up", "40")
                .detection(CostAnomalySettings.DEFAULTS).costAnomaly();

        assertThat(chosen.bucket()).isEqualTo(Duration.ofSeconds(10));
        assertThat(chosen.grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(chosen.detector().warmUpObservations()).isEqualTo(40);
    }
}
