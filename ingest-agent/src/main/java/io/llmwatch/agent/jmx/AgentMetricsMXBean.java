package io.llmwatch.agent.jmx;

import java.util.Map;

/**
 * The agent's counters over JMX, one MXBean per client, named
 * {@code io.llmwatch:type=Agent,name="<client id>"}. Counts are since the client started; see
 * {@link io.llmwatch.agent.export.AgentCounters} for what each means.
 */
public interface AgentMetricsMXBean {

    int getQueueSize();

    int getQueueCapacity();

    long getOffered();

    long getAccepted();

    long getSent();

    long getFailed();

    long getDropped();

    /** Drops by reason label: {@code queue_full}, {@code closed}, {@code invalid}, {@code internal_error}, {@code spool_full}. */
    Map<String, Long> getDroppedByReason();

    long getSpooled();

    long getReplayed();

    long getSpoolBytes();

    long getSpoolCapacityBytes();

    long getSendLatencyP50Nanos();

    long getSendLatencyP99Nanos();

    long getSendLatencyMeanNanos();

    long getSendLatencyMaxNanos();
}
