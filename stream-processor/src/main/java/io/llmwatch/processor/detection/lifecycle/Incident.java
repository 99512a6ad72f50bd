package io.llmwatch.processor.detection.lifecycle;

import java.util.Objects;

/**
 * Which incident a verdict belongs to.
 *
 * @param id          the same for the FIRING and the RESOLVED verdict of one incident, and different for the next
 *                    one; with the alert type, dimension and key it makes the dedup key
 * @param startMillis event time the incident (or the period it concerns) began
 * @param endMillis   event time of the verdict (or the end of the period it concerns)
 */
public record Incident(String id, long startMillis, long endMillis) {

    public Incident {
        Objects.requireNonNull(id, "id");
        if (endMillis < startMillis) {
            throw new IllegalArgumentException("incident ends before it starts: " + startMillis + " > " + endMillis);
        }
    }
}
