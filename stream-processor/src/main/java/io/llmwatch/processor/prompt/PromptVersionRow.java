package io.llmwatch.processor.prompt;

import io.llmwatch.processor.cost.Money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Comparator;

/**
 * One version in {@code GET /api/prompts/{name}/versions}.
 *
 * @param latencyP50Ms     median latency in ms, within the sketch's 2%; likewise the 95th percentile
 * @param costUsd          exact total cost of the priced calls
 * @param costPerCallUsd   cost per priced call, to 12 decimal places; {@code null} when none was priced
 * @param feedbackScores   feedback scores credited to the version (from {@code llmwatch.feedback.v1}, by trace id)
 * @param averageQuality   mean of every score of the version, the calls' agent-side scores and the
 *                         feedback alike; {@code null} until a score exists
 * @param qualityPerDollar average quality divided by cost per call: which version buys more quality
 *                         for the money; {@code null} without scores or cost
 */
public record PromptVersionRow(
        String version,
        long calls,
        long errors,
        long unpricedCalls,
        long latencyP50Ms,
        long latencyP95Ms,
        double tokensPerCall,
        double inputTokensPerCall,
        double outputTokensPerCall,
        String costUsd,
        String costPerCallUsd,
        long scoredCalls,
        long feedbackScores,
        Double averageQuality,
        Double qualityPerDollar,
        String firstSeen,
        String lastSeen) {

    /** Registry versions in numeric order (v2 before v10), then hash-named versions alphabetically. */
    public static final Comparator<PromptVersionRow> BY_VERSION = Comparator
            .comparing((PromptVersionRow row) -> !isNumber(row.version()))
            .thenComparing(row -> isNumber(row.version()) ? Long.parseLong(row.version()) : 0L)
            .thenComparing(PromptVersionRow::version);

    private static final int COST_PER_CALL_SCALE = 12;

    public static PromptVersionRow of(PromptVersionStats stats) {
        long pricedCalls = stats.calls() - stats.unpricedCalls();
        Double averageQuality = stats.scores() == 0 ? null : stats.qualitySum() / stats.scores();
        return new PromptVersionRow(stats.version(), stats.calls(), stats.errors(), stats.unpricedCalls(),
                stats.latency().quantile(0.5), stats.latency().quantile(0.95),
                (double) (stats.inputTokens() + stats.outputTokens()) / stats.calls(),
                (double) stats.inputTokens() / stats.calls(),
                (double) stats.outputTokens() / stats.calls(),
                Money.format(stats.costUsd()),
                pricedCalls == 0 ? null : Money.format(stats.costUsd()
                        .divide(BigDecimal.valueOf(pricedCalls), COST_PER_CALL_SCALE, RoundingMode.HALF_EVEN)),
                stats.scoredCalls(), stats.feedbackScores(), averageQuality,
                qualityPerDollar(averageQuality, pricedCalls, stats.costUsd()),
                Instant.ofEpochMilli(stats.firstSeenMillis()).toString(),
                Instant.ofEpochMilli(stats.lastSeenMillis()).toString());
    }

    /** quality ÷ (cost ÷ calls), in exact arithmetic until the final ratio, which is a statistic. */
    private static Double qualityPerDollar(Double averageQuality, long pricedCalls, BigDecimal costUsd) {
        if (averageQuality == null || pricedCalls == 0 || costUsd.signum() == 0) {
            return null;
        }
        return BigDecimal.valueOf(averageQuality).multiply(BigDecimal.valueOf(pricedCalls))
                .divide(costUsd, MathContext.DECIMAL64).doubleValue();
    }

    private static boolean isNumber(String version) {
        return !version.isEmpty() && version.length() < 19 && version.chars().allMatch(Character::isDigit);
    }
}
