package io.llmwatch.sink.inhibit;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;

import java.util.HashSet;
import java.util.Set;

/**
 * Alertmanager's classic inhibition rule: while a critical alert fires for a dimension key, warning
 * and info alerts for the same key are muted, because the critical one already says it louder. The
 * resolution of a muted alert is muted too, so nobody reads about the end of something never announced.
 * State comes from the alerts seen by this instance since it started.
 */
public final class Inhibitor {

    private final Set<String> criticalKeys = new HashSet<>();
    private final Set<String> mutedIncidents = new HashSet<>();

    /** Notes the alert and says whether it is inhibited. */
    public synchronized boolean inhibits(AlertEvent alert) {
        String key = alert.getDimension() + "|" + alert.getDimensionKey();
        if (alert.getSeverity() == Severity.CRITICAL) {
            if (alert.getStatus() == AlertStatus.FIRING) {
                criticalKeys.add(key);
            } else {
                criticalKeys.remove(key);
            }
            return false;
        }
        if (alert.getStatus() == AlertStatus.RESOLVED) {
            return mutedIncidents.remove(alert.getDedupKey());
        }
        boolean muted = (alert.getSeverity() == Severity.WARNING || alert.getSeverity() == Severity.INFO) && criticalKeys.contains(key);
        if (muted) {
            mutedIncidents.add(alert.getDedupKey());
        }
        return muted;
    }
}
