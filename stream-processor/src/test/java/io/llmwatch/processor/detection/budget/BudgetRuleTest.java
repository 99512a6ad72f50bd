package io.llmwatch.processor.detection.budget;

import io.llmwatch.processor.detection.lifecycle.AlertType;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.llmwatch.processor.serde.JsonSerde.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BudgetRuleTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long MIDNIGHT = Instant.parse("2025-11-06T00:00:00Z").toEpochMilli();
    private static final BudgetDefinition HOURLY_10 = new BudgetDefinition("feature|support-chat", new BigDecimal("10"), null);

    private final BudgetRule rule = new BudgetRule();
    private final List<Verdict> verdicts = new ArrayList<>();
    private BudgetState state;

    private void spend(BudgetDefinition definition, long eventTimeMillis, String costUsd) {
        DetectorStep<BudgetState> step = rule.step(state, definition, new Spend(eventTimeMillis, "trace", new BigDecimal(costUsd)));
        state = step.state();
        verdicts.addAll(step.verdicts());
    }

    @Test
    void spendUnderEightyPercentIsQuiet() {
        for (int i = 0; i < 79; i++) {
            spend(HOURLY_10, MIDNIGHT + i * 1_000L, "0.1");
        }

        assertThat(verdicts).isEmpty();
        assertThat(state.hour().spentUsd()).isEqualByComparingTo("7.9");
    }

    @Test
    void warnsAtEightyPercentAndGoesCriticalAtTheCapOncePerThreshold() {
        for (int i = 0; i < 150; i++) {
            spend(HOURLY_10, MIDNIGHT + i * 1_000L, "0.1");
        }

        assertThat(verdicts).extracting(Verdict::severity).containsExactly(Severity.WARNING, Severity.CRITICAL);
        assertThat(verdicts).allSatisfy(verdict -> {
            assertThat(verdict.type()).isEqualTo(AlertType.BUDGET);
            assertThat(verdict.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(verdict.incident().id()).isEqualTo("hourly@" + MIDNIGHT);
            assertThat(verdict.incident().endMillis()).isEqualTo(MIDNIGHT + HOUR);
        });
        assertThat(verdicts.get(0).evidence().observed()).isEqualTo("8");
        assertThat(verdicts.get(0).evidence().expected()).isEqualTo("10");
        assertThat(verdicts.get(0).summary())
                .isEqualTo("feature|support-chat spent $8 of its $10 hourly budget (80%) since 2025-11-06T00:00:00Z");
        assertThat(verdicts.get(1).evidence().score()).isEqualTo(1.0);
    }

    @Test
    void oneCallThatJumpsPastTheCapRaisesOnlyTheCriticalAlert() {
        spend(HOURLY_10, MIDNIGHT, "12.5");

        assertThat(verdicts).singleElement().satisfies(verdict -> {
            assertThat(verdict.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(verdict.summary()).contains("(125%)");
        });
    }

    @Test
    void theNextPeriodResolvesTheAlertAndCountsFromZero() {
        spend(HOURLY_10, MIDNIGHT, "9");
        spend(HOURLY_10, MIDNIGHT + HOUR + 5, "1");

        assertThat(verdicts).extracting(Verdict::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(verdicts.get(1).incident().id()).isEqualTo(verdicts.get(0).incident().id());
        assertThat(verdicts.get(1).evidence().observed()).isEqualTo("9");
        assertThat(state.hour().spentUsd()).isEqualByComparingTo("1");

        spend(HOURLY_10, MIDNIGHT + HOUR + 10, "7");
        assertThat(verdicts).hasSize(3);
        assertThat(verdicts.get(2).incident().id()).isEqualTo("hourly@" + (MIDNIGHT + HOUR));
    }

    @Test
    void aPunctuatorCanResolveAnEndedPeriodWithoutWaitingForSpend() {
        spend(HOURLY_10, MIDNIGHT, "9");

        DetectorStep<BudgetState> advanced = rule.advanceTo(state, MIDNIGHT + HOUR);

        assertThat(advanced.verdicts()).singleElement().extracting(Verdict::status).isEqualTo(AlertStatus.RESOLVED);
        assertThat(advanced.state().hour().spentUsd()).isEqualByComparingTo("0");
        assertThat(rule.advanceTo(advanced.state(), MIDNIGHT + HOUR + 1).verdicts()).isEmpty();
    }

    @Test
    void hourlyAndDailyCapsAlertSeparatelyAndTheDayKeepsCountingAcrossHours() {
        BudgetDefinition both = new BudgetDefinition("tenant|acme", new BigDecimal("10"), new BigDecimal("20"));
        for (int hour = 0; hour < 3; hour++) {
            spend(both, MIDNIGHT + hour * HOUR, "8");
        }

        assertThat(verdicts).extracting(verdict -> verdict.incident().id() + " " + verdict.status() + " " + verdict.severity())
                .containsExactly(
                        "hourly@" + MIDNIGHT + " FIRING WARNING",
                        "hourly@" + MIDNIGHT + " RESOLVED INFO",
                        "hourly@" + (MIDNIGHT + HOUR) + " FIRING WARNING",
                        "daily@" + MIDNIGHT + " FIRING WARNING",
                        "hourly@" + (MIDNIGHT + HOUR) + " RESOLVED INFO",
                        "hourly@" + (MIDNIGHT + 2 * HOUR) + " FIRING WARNING",
                        "daily@" + MIDNIGHT + " FIRING CRITICAL");
    }

    @Test
    void lateSpendForAnEndedPeriodCannotAlert() {
        spend(HOURLY_10, MIDNIGHT + HOUR, "1");

        spend(HOURLY_10, MIDNIGHT, "50");

        assertThat(verdicts).isEmpty();
        assertThat(state.hour().spentUsd()).isEqualByComparingTo("1");
    }

    @Test
    void aCapAddedMidPeriodIsJudgedOnTheWholePeriod() {
        spend(new BudgetDefinition("feature|x", null, new BigDecimal("100")), MIDNIGHT, "9");

        spend(HOURLY_10, MIDNIGHT + 1, "0.01");

        assertThat(verdicts).singleElement().extracting(Verdict::severity).isEqualTo(Severity.WARNING);
    }

    @Test
    void stateStaysBoundedAfter100kSpends() throws Exception {
        Random random = new Random(1);
        BudgetDefinition both = new BudgetDefinition("user|u1", new BigDecimal("50"), new BigDecimal("1000"));
        for (int i = 0; i < 100_000; i++) {
            spend(both, MIDNIGHT + i * 10_000L, BigDecimal.valueOf(random.nextInt(1_000), 3).toPlainString());
        }

        assertThat(MAPPER.writeValueAsString(state).length()).isLessThan(300);
    }

    @Test
    void stateAndDefinitionSurviveAJsonRoundTrip() throws Exception {
        spend(HOURLY_10, MIDNIGHT, "9.123456789");

        assertThat(MAPPER.readValue(MAPPER.writeValueAsBytes(state), BudgetState.class)).isEqualTo(state);
        assertThat(MAPPER.readValue("{\"key\":\"tenant|acme\",\"dailyCapUsd\":250.50}", BudgetDefinition.class))
                .isEqualTo(new BudgetDefinition("tenant|acme", null, new BigDecimal("250.50")));
    }

    @Test
    void aDefinitionMustCapSomethingWithPositiveAmounts() {
        assertThatThrownBy(() -> new BudgetDefinition("feature|x", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BudgetDefinition("feature|x", BigDecimal.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
