package io.llmwatch.launcher.command;

import io.llmwatch.processor.detection.DetectionSettings;
import io.llmwatch.processor.detection.anomaly.CostAnomalySettings;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * How quickly the cost-anomaly detector arms: its bucket (one observation per key) and its warm-up (buckets of a key's
 * traffic before it may fire). Production keeps the NAB-scored defaults, one-minute buckets and 100 of them; the demo,
 * which cannot wait 100 minutes, takes its own shorter preset unless these are given.
 */
public final class CostAnomalyOptions {

    /**
     * Half-second buckets warm after 50 of them: the demo's cost incident, 30 s in, meets an armed detector, and the
     * detector has had the 18 buckets past its 32-bucket minimum baseline to learn how far costs normally stray.
     */
    static final CostAnomalySettings DEMO = withBucket(CostAnomalySettings.DEFAULTS, Duration.ofMillis(500))
            .withWarmUpBuckets(50);

    /** Calls arriving out of order are waited for ten buckets past a bucket's end, at most the production grace. */
    private static final int GRACE_BUCKETS = 10;

    @Option(names = "--cost-anomaly-bucket", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Span of time whose cost is one observation of the cost-anomaly detector, per key "
                    + "(default: 1m; demo: 500ms).")
    Duration bucket;

    @Option(names = "--cost-anomaly-warm-up", paramLabel = "BUCKETS",
            description = "Buckets of a key's traffic before cost_anomaly may fire (default: 100, the value scored on "
                    + "NAB; demo: 50; at least 32, the baseline's minimum).")
    Integer warmUpBuckets;

    /** The detection settings with these options applied over {@code preset}. */
    DetectionSettings detection(CostAnomalySettings preset) {
        CostAnomalySettings costAnomaly = bucket == null ? preset : withBucket(preset, bucket);
        if (warmUpBuckets != null) {
            costAnomaly = costAnomaly.withWarmUpBuckets(warmUpBuckets);
        }
        return DetectionSettings.DEFAULTS.withCostAnomaly(costAnomaly);
    }

    private static CostAnomalySettings withBucket(CostAnomalySettings settings, Duration bucket) {
        Duration grace = bucket.multipliedBy(GRACE_BUCKETS);
        return settings.withBucket(bucket, grace.compareTo(CostAnomalySettings.DEFAULTS.grace()) < 0
                ? grace : CostAnomalySettings.DEFAULTS.grace());
    }
}
