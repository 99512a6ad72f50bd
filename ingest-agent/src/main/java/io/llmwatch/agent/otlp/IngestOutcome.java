package io.llmwatch.agent.otlp;

/**
 * What became of one export request's spans.
 *
 * @param verdict       whether they were taken, or the client should send them again later
 * @param rejectedSpans GenAI spans the agent refused, when taken; reported to the client as partial success
 * @param errorMessage  why they were refused, or empty
 */
record IngestOutcome(Verdict verdict, long rejectedSpans, String errorMessage) {

    enum Verdict {
        /** Recorded, but for {@code rejectedSpans}; the client must not send them again. */
        TAKEN,
        /** The agent's queue had no room for them; nothing was recorded, so the client may retry all. */
        QUEUE_FULL,
        /** The agent is shutting down; nothing was recorded. */
        AGENT_CLOSED
    }

    static IngestOutcome taken(long rejectedSpans, String errorMessage) {
        return new IngestOutcome(Verdict.TAKEN, rejectedSpans, errorMessage);
    }

    static IngestOutcome queueFull() {
        return new IngestOutcome(Verdict.QUEUE_FULL, 0, "");
    }

    static IngestOutcome agentClosed() {
        return new IngestOutcome(Verdict.AGENT_CLOSED, 0, "");
    }
}
