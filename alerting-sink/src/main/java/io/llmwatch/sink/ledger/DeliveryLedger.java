package io.llmwatch.sink.ledger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The idempotence record: which alert transitions (alert ids) each destination already accepted. An
 * alert redelivered after a crash (its offset was not committed yet) is not sent again to a
 * destination that has it, so a restart never pages twice.
 */
public interface DeliveryLedger {

    boolean accepted(String destination, String alertId);

    /** Notes an acceptance; it must be durable by the time {@link #flush()} returns. */
    void record(String destination, String alertId);

    /** Called before offsets are committed, so nothing committed is missing from the ledger. */
    void flush();

    /** A ledger that lives as long as the process: for tests and for sinks that accept duplicates after a crash. */
    static DeliveryLedger inMemory() {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        return new DeliveryLedger() {
            @Override
            public boolean accepted(String destination, String alertId) {
                return accepted.contains(destination + "|" + alertId);
            }

            @Override
            public void record(String destination, String alertId) {
                accepted.add(destination + "|" + alertId);
            }

            @Override
            public void flush() {
                // nothing to make durable
            }
        };
    }
}
