package io.llmwatch.agent.otlp;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link SidecarCounters}, incremented by the sidecar's handler threads. */
final class SidecarCounting {

    private final LongAdder requests = new LongAdder();
    private final LongAdder refusedRequests = new LongAdder();
    private final LongAdder throttledRequests = new LongAdder();
    private final LongAdder spansReceived = new LongAdder();
    private final LongAdder spansRecorded = new LongAdder();
    private final LongAdder spansRejected = new LongAdder();
    private final LongAdder spansIgnored = new LongAdder();

    void answered() {
        requests.increment();
    }

    void refused() {
        refusedRequests.increment();
    }

    void throttled() {
        throttledRequests.increment();
    }

    void ingested(long received, long recorded, long rejected, long ignored) {
        spansReceived.add(received);
        spansRecorded.add(recorded);
        spansRejected.add(rejected);
        spansIgnored.add(ignored);
    }

    SidecarCounters snapshot() {
        return new SidecarCounters(requests.sum(), refusedRequests.sum(), throttledRequests.sum(),
                spansReceived.sum(), spansRecorded.sum(), spansRejected.sum(), spansIgnored.sum());
    }
}
