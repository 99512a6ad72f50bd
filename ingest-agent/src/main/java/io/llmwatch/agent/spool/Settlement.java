package io.llmwatch.agent.spool;

/**
 * How the export worker tells the spool that an event it replayed has been dealt with for good: the broker
 * acknowledged it, it failed beyond retrying, or a copy was spooled again. A segment whose events are all
 * settled is deleted. Thread-safe: the producer's callbacks settle on the producer's network thread.
 */
@FunctionalInterface
public interface Settlement {

    /** For an event that never came from the spool. */
    Settlement NONE = () -> { };

    void settle();
}
