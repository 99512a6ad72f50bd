package io.llmwatch.launcher.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorConfigTest {

    @Test
    void theDefaultIncidentMakesSupportChatEightTimesAsExpensiveAfterThirtySeconds() {
        SimulatorConfig config = SimulatorConfig.defaults();

        assertThat(config.incidentFeature()).isEqualTo("support-chat");
        assertThat(config.incidentCostMultiplier()).isEqualTo(8);
        assertThat(config.incidentAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(SimulatorConfig.of(10, 7, Duration.ofMinutes(2)).incidentFeature()).isEqualTo("support-chat");
    }

    @Test
    void nonsenseIsRejected() {
        assertThatThrownBy(() -> SimulatorConfig.of(0, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorConfig.of(Double.NaN, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorConfig.of(10, 1, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatorConfig(10, 1, Duration.ZERO, "teleport", 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("support-chat");
        assertThatThrownBy(() -> new SimulatorConfig(10, 1, Duration.ZERO, "support-chat", 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
