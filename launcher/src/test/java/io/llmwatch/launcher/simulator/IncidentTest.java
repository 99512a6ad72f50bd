package io.llmwatch.launcher.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IncidentTest {

    private static final Instant START = Instant.parse("2025-11-06T12:00:00Z");

    private final SimulatedApp app = new SimulatedApp();

    @Test
    void theContextGrowsJustEnoughForTheUpgradedModelToReachTheTargetCost() {
        // Mean support-chat request: 1660 prompt tokens (819 read from the cache, 205 written to it), 283 completion tokens.
        // Haiku: 1911.32 µUSD. Sonnet at the same size: 7167.45; each further 1660 prompt tokens: 4980.
        double growth = Incident.contextGrowth(app.feature("support-chat"), 8);

        assertThat(growth).isCloseTo(1 + (8 * 1911.32 - 7167.45) / 4980, within(1e-9));
    }

    @Test
    void aPricierModelAloneCanOvershootAndThenTheContextStaysAsItWas() {
        assertThat(Incident.contextGrowth(app.feature("support-chat"), 1)).isEqualTo(1);
    }

    @Test
    void theIncidentShipsANewPromptVersionOnAPricierModelInANewRelease() {
        Incident incident = Incident.plan(app, SimulatorConfig.of(10, 1, Duration.ofSeconds(30)), START);
        Feature supportChat = app.feature("support-chat");

        assertThat(incident.startsAt()).isEqualTo(START.plusSeconds(30));
        assertThat(incident.affects(supportChat, START.plusSeconds(29))).isFalse();
        assertThat(incident.affects(supportChat, START.plusSeconds(30))).isTrue();
        assertThat(incident.affects(app.feature("email-draft"), START.plusSeconds(60))).isFalse();
        assertThat(incident.treatment().model()).isEqualTo(SimulatedModel.CLAUDE_SONNET_4_5);
        assertThat(incident.treatment().prompt().version().name()).isEqualTo("support-answer");
        assertThat(incident.treatment().prompt().version().version()).isEqualTo(2);
        assertThat(incident.treatment().release()).isEqualTo(Incident.RELEASE);
        assertThat(incident.describe()).contains("support-chat", "claude-3-5-haiku-latest", "claude-sonnet-4-5", "8×");
    }
}
