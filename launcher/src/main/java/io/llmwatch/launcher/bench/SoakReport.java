package io.llmwatch.launcher.bench;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a soak run measured. Cost is compared as totals: the processor's attributed cost of the run against
 * the exact cost of every span the broker acknowledged, so a shortfall is lost cost and an excess is
 * cost counted twice.
 *
 * @param warmUpSeconds    how long the traffic ran before the heap was first measured
 * @param heapStartBytes   used heap after warm-up and a full GC
 * @param heapEndBytes     used heap after the run and a full GC
 * @param maxConsumerLag   the most span records the processor was ever behind, over all partitions
 * @param lagAtEnd         how far behind it was once the load stopped and it had caught up
 * @param alertsFired      firing alerts the processor published during the run
 */
public record SoakReport(long durationSeconds, long warmUpSeconds, long spansSent, long spansFailed, long heapStartBytes, long heapEndBytes,
                         long maxConsumerLag, long lagAtEnd, BigDecimal expectedCostUsd, BigDecimal observedCostUsd,
                         long expectedCalls, long observedCalls, long alertsFired, long brokerRestartAtSecond,
                         long processorRestartAtSecond) {

    /** The bar: after warm-up the heap ends within 20 % of where it started. */
    static final double FLAT_HEAP_RATIO = 1.2;

    public double heapRatio() {
        return heapStartBytes == 0 ? 0 : (double) heapEndBytes / heapStartBytes;
    }

    public BigDecimal lostCostUsd() {
        return expectedCostUsd.subtract(observedCostUsd).max(BigDecimal.ZERO);
    }

    public BigDecimal duplicatedCostUsd() {
        return observedCostUsd.subtract(expectedCostUsd).max(BigDecimal.ZERO);
    }

    public boolean goalsMet() {
        return heapRatio() <= FLAT_HEAP_RATIO && lostCostUsd().signum() == 0 && duplicatedCostUsd().signum() == 0
                && expectedCalls == observedCalls && spansFailed == 0;
    }

    public String toJson() {
        StringJoiner json = new StringJoiner(", ", "{", "}");
        fields().forEach((name, value) -> json.add("\"" + name + "\": " + value));
        return json.toString();
    }

    public String toText() {
        StringBuilder text = new StringBuilder();
        fields().forEach((name, value) -> text.append(String.format(Locale.ROOT, "%-28s %s%n", name, value)));
        return text.append(goalsMet() ? "all goals met" : "goals missed (heap end <= 1.2 x start, no lost or "
                + "duplicated cost, every call counted once)").toString();
    }

    /** Exact, as a JSON string: {@code "0.0123"}, {@code "0"}. */
    private static String usd(BigDecimal amount) {
        return "\"" + amount.stripTrailingZeros().toPlainString() + "\"";
    }

    private Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("duration_s", Long.toString(durationSeconds));
        fields.put("warm_up_s", Long.toString(warmUpSeconds));
        fields.put("spans_sent", Long.toString(spansSent));
        fields.put("spans_failed", Long.toString(spansFailed));
        fields.put("heap_start_bytes", Long.toString(heapStartBytes));
        fields.put("heap_end_bytes", Long.toString(heapEndBytes));
        fields.put("heap_ratio", String.format(Locale.ROOT, "%.3f", heapRatio()));
        fields.put("max_consumer_lag", Long.toString(maxConsumerLag));
        fields.put("lag_at_end", Long.toString(lagAtEnd));
        fields.put("expected_cost_usd", usd(expectedCostUsd));
        fields.put("observed_cost_usd", usd(observedCostUsd));
        fields.put("lost_cost_usd", usd(lostCostUsd()));
        fields.put("duplicated_cost_usd", usd(duplicatedCostUsd()));
        fields.put("expected_calls", Long.toString(expectedCalls));
        fields.put("observed_calls", Long.toString(observedCalls));
        fields.put("alerts_fired", Long.toString(alertsFired));
        fields.put("broker_restart_at_s", Long.toString(brokerRestartAtSecond));
        fields.put("processor_restart_at_s", Long.toString(processorRestartAtSecond));
        fields.put("goals_met", Boolean.toString(goalsMet()));
        return fields;
    }
}
