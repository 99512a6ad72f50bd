package io.llmwatch.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class SoakReportTest {

    private static SoakReport report(long heapEnd, String observedCost, long observedCalls) {
        return new SoakReport(1800, 450, 360_000, 0, 400L << 20, heapEnd, 5_000, 0, new BigDecimal("12.345"),
                new BigDecimal(observedCost), 360_000, observedCalls, 3, 600, 1200);
    }

    @Test
    void exactTotalsAndAFlatHeapMeetTheGoals() {
        assertThat(report(450L << 20, "12.345", 360_000).goalsMet()).isTrue();
    }

    @Test
    void lostOrDuplicatedCostIsReportedExactlyAndMissesTheGoals() {
        SoakReport lost = report(400L << 20, "12.300", 359_990);
        SoakReport duplicated = report(400L << 20, "12.400", 360_010);

        assertThat(lost.lostCostUsd()).isEqualByComparingTo("0.045");
        assertThat(lost.duplicatedCostUsd()).isZero();
        assertThat(duplicated.duplicatedCostUsd()).isEqualByComparingTo("0.055");
        assertThat(lost.goalsMet()).isFalse();
        assertThat(duplicated.goalsMet()).isFalse();
    }

    @Test
    void aHeapThatGrewByMoreThanATenthOverTheBarMissesTheGoals() {
        assertThat(report(500L << 20, "12.345", 360_000).goalsMet()).isFalse();
    }

    @Test
    void jsonCarriesEveryMeasurementWithMoneyAsDecimalStrings() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report(450L << 20, "12.345", 360_000).toJson());

        assertThat(json.get("warm_up_s").asLong()).isEqualTo(450);
        assertThat(json.get("heap_start_bytes").asLong()).isEqualTo(400L << 20);
        assertThat(json.get("heap_end_bytes").asLong()).isEqualTo(450L << 20);
        assertThat(json.get("max_consumer_lag").asLong()).isEqualTo(5_000);
        assertThat(json.get("lost_cost_usd").isTextual()).isTrue();
        assertThat(json.get("lost_cost_usd").asText()).isEqualTo("0");
        assertThat(json.get("duplicated_cost_usd").asText()).isEqualTo("0");
        assertThat(json.get("alerts_fired").asLong()).isEqualTo(3);
        assertThat(json.get("goals_met").asBoolean()).isTrue();
    }
}
