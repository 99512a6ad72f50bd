package io.llmwatch.agent.export;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logs at most one WARN per interval summarising the events dropped or failed since the previous one.
 * A warning per event would flood the application's log exactly when it is already in trouble.
 *
 * <p>Only the export worker calls {@link #reportIfDue}, so the state needs no synchronisation.
 */
final class DropWarning {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(DropWarning.class);

    private final ExportCounters counters;
    private final long intervalNanos;
    private AgentCounters reported;
    private long reportedAtNanos;

    DropWarning(ExportCounters counters, Duration interval, long nowNanos) {
        this.counters = counters;
        this.intervalNanos = interval.toNanos();
        this.reported = counters.snapshot();
        // The first loss is worth a warning straight away.
        this.reportedAtNanos = nowNanos - intervalNanos;
    }

    void reportIfDue(long nowNanos) {
        if (nowNanos - reportedAtNanos < intervalNanos) {
            return;
        }
        AgentCounters current = counters.snapshot();
        Map<String, Long> newDrops = new LinkedHashMap<>();
        for (DropReason reason : DropReason.values()) {
            long count = current.dropped(reason) - reported.dropped(reason);
            if (count > 0) {
                newDrops.put(reason.label(), count);
            }
        }
        long newFailures = current.failed() - reported.failed();
        if (newDrops.isEmpty() && newFailures == 0) {
            return;
        }
        LOG.warn("llmwatch lost telemetry since its last warning: {} dropped unsent {}, {} failed to send; latest problem: {}",
                current.dropped() - reported.dropped(), newDrops, newFailures, counters.latestProblem());
        reported = current;
        reportedAtNanos = nowNanos;
    }
}
