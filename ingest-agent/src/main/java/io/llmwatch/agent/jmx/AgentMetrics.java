package io.llmwatch.agent.jmx;

import io.llmwatch.agent.export.AgentCounters;
import io.llmwatch.agent.export.DropReason;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** Serves each attribute from a fresh counters snapshot; JMX clients poll rarely, so nothing is cached. */
public final class AgentMetrics implements AgentMetricsMXBean {

    private final Supplier<AgentCounters> counters;

    public AgentMetrics(Supplier<AgentCounters> counters) {
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    @Override
    public int getQueueSize() {
        return counters.get().queueSize();
    }

    @Override
    public int getQueueCapacity() {
        return counters.get().queueCapacity();
    }

    @Override
    public long getOffered() {
        return counters.get().offered();
    }

    @Override
    public long getAccepted() {
        return counters.get().accepted();
    }

    @Override
    public long getSent() {
        return counters.get().sent();
    }

    @Override
    public long getFailed() {
        return counters.get().failed();
    }

    @Override
    public long getDropped() {
        return counters.get().dropped();
    }

    @Override
    public Map<String, Long> getDroppedByReason() {
        AgentCounters snapshot = counters.get();
        Map<String, Long> byLabel = new LinkedHashMap<>();
        for (DropReason reason : DropReason.values()) {
            byLabel.put(reason.label(), snapshot.dropped(reason));
        }
        return byLabel;
    }

    @Override
    public long getSpooled() {
        return counters.get().spooled();
    }

    @Override
    public long getReplayed() {
        return counters.get().replayed();
    }

    @Override
    public long getSpoolBytes() {
        return counters.get().spoolBytes();
    }

    @Override
    public long getSpoolCapacityBytes() {
        return counters.get().spoolCapacityBytes();
    }

    @Override
    public long getSendLatencyP50Nanos() {
        return counters.get().sendLatency().p50Nanos();
    }

    @Override
    public long getSendLatencyP99Nanos() {
        return counters.get().sendLatency().p99Nanos();
    }

    @Override
    public long getSendLatencyMeanNanos() {
        return counters.get().sendLatency().meanNanos();
    }

    @Override
    public long getSendLatencyMaxNanos() {
        return counters.get().sendLatency().maxNanos();
    }
}
