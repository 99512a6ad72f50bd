package io.llmwatch.processor.detection;

import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.schemas.alert.AlertEvent;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.util.Map;
import java.util.UUID;

/** Turns a detector's verdict on one dimension key into the {@link AlertEvent} published on the alerts topic. */
public final class AlertFactory {

    /** The dimension whose keys name a tenant, so that tenant-scoped routing sees tenant alerts. */
    private static final String TENANT = "tenant";

    private AlertFactory() {
    }

    /**
     * The timestamp of an alert record: the event time up to which the processor had seen the stream when it decided,
     * not only that of the call that completed the evidence. Signals of one key come from every input partition, so
     * that call may be seconds older than calls already counted (its partition processed behind the others), and an
     * alert stamped with it would seem to precede the incident it reports.
     */
    public static long decidedAt(ProcessorContext<?, ?> context, Record<?, ?> trigger) {
        return Math.max(trigger.timestamp(), context.currentStreamTimeMs());
    }

    public static AlertEvent alert(Verdict verdict, String dimension, String dimensionKey, Map<String, String> attributes,
                                   long detectedAtMillis) {
        return AlertEvent.newBuilder()
                .setAlertId(UUID.randomUUID().toString())
                .setDedupKey(verdict.dedupKey(dimension, dimensionKey))
                .setType(verdict.type().wireName())
                .setSeverity(verdict.severity())
                .setStatus(verdict.status())
                .setDimension(dimension)
                .setDimensionKey(dimensionKey)
                .setTenant(TENANT.equals(dimension) ? dimensionKey : null)
                .setWindowStartMillis(verdict.incident().startMillis())
                .setWindowEndMillis(verdict.incident().endMillis())
                .setObserved(verdict.evidence().observed())
                .setExpected(verdict.evidence().expected())
                .setUnit(verdict.evidence().unit())
                .setScore(verdict.evidence().score())
                .setPValue(verdict.evidence().pValue())
                .setSummary(verdict.summary())
                .setExemplarTraceIds(verdict.evidence().exemplarTraceIds())
                .setDetectedAtMillis(detectedAtMillis)
                .setAttributes(Map.copyOf(attributes))
                .setRunbook(verdict.runbookHint())
                .build();
    }
}
