package io.llmwatch.processor.detection.lifecycle;

import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;

import java.util.Objects;

/**
 * A detector's decision that an alert fires or resolves: everything an {@code AlertEvent} needs except the
 * dimension and key, which the processor running the detector knows.
 *
 * @param summary one line a human can act on
 */
public record Verdict(AlertType type, Severity severity, AlertStatus status, Incident incident, Evidence evidence,
                      String summary) {

    /** PagerDuty's limit on a dedup key. */
    public static final int MAX_DEDUP_KEY_LENGTH = 255;

    public Verdict {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(summary, "summary");
    }

    /** Stable across the FIRING and RESOLVED verdicts of one incident, so redelivery and resolution pair up. */
    public String dedupKey(String dimension, String dimensionKey) {
        String key = String.join("|", type.wireName(), dimension, dimensionKey, incident.id());
        return key.length() <= MAX_DEDUP_KEY_LENGTH ? key : key.substring(0, MAX_DEDUP_KEY_LENGTH);
    }

    /**
     * The same verdict about one of several series a key has (e.g. one score name of a model and prompt version):
     * the subject joins the incident's name, so each series has its own dedup key, and heads the summary.
     */
    public Verdict forSubject(String subject) {
        Incident named = new Incident(subject + "@" + incident.id(), incident.startMillis(), incident.endMillis());
        return new Verdict(type, severity, status, named, evidence, subject + ": " + summary);
    }

    public String runbookHint() {
        return type.runbookHint();
    }
}
