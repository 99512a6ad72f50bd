package io.llmwatch.agent.export;

/** Why an event was dropped unsent. Every offered event is accepted or dropped for exactly one of these. */
public enum DropReason {

    /** The queue was full because export is behind; the newest event is dropped so the caller never waits. */
    QUEUE_FULL("queue_full"),

    /** The client was already closed. */
    CLOSED("closed"),

    /** The event broke the contract: a malformed id, negative tokens, an end before its start, ... */
    INVALID("invalid"),

    /** Building the event failed unexpectedly: a bug in llmwatch, counted instead of thrown into the application. */
    INTERNAL_ERROR("internal_error"),

    /**
     * Kafka could not take the event and the spool had no room left within its byte budget (or, rarely, the
     * disk refused the write). The newest events are the ones dropped: the spool keeps the oldest in order.
     */
    SPOOL_FULL("spool_full");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    /** The {@code reason} label used in logs and metrics. */
    public String label() {
        return label;
    }
}
