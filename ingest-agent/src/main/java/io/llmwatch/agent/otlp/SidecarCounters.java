package io.llmwatch.agent.otlp;

/**
 * A snapshot of what the OTLP sidecar received and did with it. Every span received is exactly one of
 * recorded, rejected or ignored, except those of a throttled request, which the client sends again.
 *
 * @param requests          export requests answered, whatever the answer
 * @param refusedRequests   requests answered 4xx or 5xx other than 429: malformed, unsupported, too large
 * @param throttledRequests requests answered 429 because the agent's queue had no room; the client retries them
 * @param spansReceived     spans in the requests that were decoded and not throttled
 * @param spansRecorded     GenAI spans accepted by the agent
 * @param spansRejected     GenAI spans the agent refused (invalid, or dropped), reported back as partial success
 * @param spansIgnored      spans describing no GenAI work, which llmwatch does not keep
 */
public record SidecarCounters(long requests, long refusedRequests, long throttledRequests, long spansReceived,
                              long spansRecorded, long spansRejected, long spansIgnored) {
}
