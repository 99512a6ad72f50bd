package io.llmwatch.launcher.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./llmwatch bench detection} reports.
 *
 * @param incidents         incidents injected
 * @param detected          incidents with at least one alert explaining them
 * @param falseAlerts       firing alerts no incident explains
 * @param firedAlerts       firing alerts of any kind: what an on-call engineer would receive before grouping
 * @param firedByKind       those alerts counted by {@code type/dimension}, to see where a storm comes from
 * @param medianDelaySeconds event time from an incident's first anomalous call to the earliest decision of an alert
 *                          explaining it, median
 * @param costSpikeDelaySeconds the same for the cost-spike incident alone
 * @param alertLatencyP50Millis wall clock from producing an incident's first anomalous call until its first alert is
 *                          read from the alerts topic
 * @param eventsPerSecond   background rate actually produced
 * @param processedEvents   calls the processor had committed when the run ended; fewer than {@code events} means it
 *                          fell behind, and alert latency says by how much
 * @param perIncident       per incident: the first alert's type, key and delays, or that it was missed
 * @param unexplained       the false alerts' summaries, so a regression can be read, not just counted
 */
record DetectionBenchResult(int incidents, int detected, int falseAlerts, int firedAlerts, Map<String, Long> firedByKind,
                            double medianDelaySeconds,
                            double costSpikeDelaySeconds, long alertLatencyP50Millis, long alertLatencyP99Millis,
                            double eventsPerSecond, long events, long processedEvents, List<Map<String, Object>> perIncident,
                            List<String> unexplained) {

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("incidents", incidents);
        json.put("detected", detected);
        json.put("false_alerts", falseAlerts);
        json.put("fired_alerts", firedAlerts);
        json.put("fired_alerts_by_kind", firedByKind);
        json.put("median_delay_s", medianDelaySeconds);
        json.put("cost_spike_delay_s", costSpikeDelaySeconds);
        json.put("alert_latency_p50_ms", alertLatencyP50Millis);
        json.put("alert_latency_p99_ms", alertLatencyP99Millis);
        json.put("events_per_s", Math.round(eventsPerSecond));
        json.put("events", events);
        json.put("processed_events", processedEvents);
        json.put("per_incident", perIncident);
        json.put("false_alert_summaries", unexplained);
        return json;
    }
}
