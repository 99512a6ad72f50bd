package io.llmwatch.sink.delivery;

import io.llmwatch.schemas.alert.AlertEvent;

/**
 * Somewhere alerts go: a webhook today, Slack and PagerDuty next. The sink calls every destination
 * from its single consumer thread and waits for the answer, so an implementation must bound the
 * time one call takes and report failures as a {@link DeliveryResult} rather than throw.
 */
public interface Destination {

    /** A short, stable name for logs and for the dead-letter {@code destination} header. */
    String name();

    /** Makes one attempt to hand the alert over. */
    DeliveryResult deliver(AlertEvent alert);
}
