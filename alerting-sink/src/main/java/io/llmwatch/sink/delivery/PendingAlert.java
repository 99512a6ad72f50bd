package io.llmwatch.sink.delivery;

import io.llmwatch.schemas.alert.AlertEvent;

/** An alert waiting in a group for one destination, with the record it came from. */
record PendingAlert(AlertEvent alert, PendingRecord pending) {
}
