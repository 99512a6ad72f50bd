package io.llmwatch.launcher.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code bench alerts} measured. Latency is from just before the alert was handed to the Kafka
 * producer to the first HTTP request for it at the endpoint.
 *
 * @param targetRate  alerts per second produced
 * @param alertsPerS  alerts delivered per second over the run
 * @param lost        alerts produced but never received
 * @param duplicates  requests beyond the first for an alert
 */
record AlertBenchResult(int alerts, double targetRate, double alertsPerS, double p50Millis, double p90Millis, double p99Millis,
                        double maxMillis, int lost, long duplicates, int sinkInstances, int sinkRestarts, String destination) {

    static final double GOAL_P99_MILLIS = 500;

    boolean goalsMet() {
        return p99Millis <= GOAL_P99_MILLIS && lost == 0 && duplicates == 0;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("alerts", alerts);
        json.put("target_alerts_per_s", targetRate);
        json.put("alerts_per_s", round(alertsPerS));
        json.put("delivery_p50_ms", round(p50Millis));
        json.put("delivery_p90_ms", round(p90Millis));
        json.put("delivery_p99_ms", round(p99Millis));
        json.put("delivery_max_ms", round(maxMillis));
        json.put("lost", lost);
        json.put("duplicates", duplicates);
        json.put("sink_instances", sinkInstances);
        json.put("sink_restarts", sinkRestarts);
        json.put("destination", destination);
        json.put("goals_met", goalsMet());
        return json;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
