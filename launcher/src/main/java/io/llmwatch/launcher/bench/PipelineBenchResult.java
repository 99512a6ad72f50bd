package io.llmwatch.launcher.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code bench pipeline --json} prints; ratios compare runs measured over the same input in one process.
 *
 * @param passthroughWritesPerSpan offsets the passthrough wrote to every topic per input span; likewise the others
 * @param fullLateRecords          offsets the full topology added to the late topic: its late partials, plus a
 *                                 transaction marker per partition and commit that wrote any; 0 when none was late
 */
public record PipelineBenchResult(long events, double passthroughEps, double windowedCountEps, double fullEps,
                                  double peakHeapMb, double stateStoreMb, double passthroughWritesPerSpan,
                                  double windowedCountWritesPerSpan, double fullWritesPerSpan, long fullLateRecords) {

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("events", events);
        json.put("passthrough_eps", Math.round(passthroughEps));
        json.put("windowed_count_eps", Math.round(windowedCountEps));
        json.put("full_eps", Math.round(fullEps));
        json.put("full_vs_passthrough", round(fullEps / passthroughEps));
        json.put("full_vs_windowed_count", round(fullEps / windowedCountEps));
        json.put("peak_heap_mb", Math.round(peakHeapMb));
        json.put("state_store_mb", round(stateStoreMb));
        json.put("passthrough_writes_per_span", round(passthroughWritesPerSpan));
        json.put("windowed_count_writes_per_span", round(windowedCountWritesPerSpan));
        json.put("full_writes_per_span", round(fullWritesPerSpan));
        json.put("full_late_records", fullLateRecords);
        return json;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
