package io.llmwatch.launcher.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What {@code ./llmwatch bench agent} measured in one run.
 *
 * @param events                  events recorded in each round of the throughput measurement (after a warm-up)
 * @param rounds                  rounds of the throughput measurement, agent and raw producer taking turns
 * @param eventBytes              the average encoded size of those events, as stored on the topic
 * @param agentEventsPerSecond    events the agent delivered per second, first record() to last acknowledgement:
 *                                the median round
 * @param rawEventsPerSecond      as many records, pre-serialized, sent by a plain producer with the same tuning:
 *                                the median round. They go round a sample of 65,536 of the agent's own records
 *                                of the round, so they have the same sizes
 * @param agentCpuNanosPerEvent   CPU the whole process (agent, broker, JIT, GC) used per event while the agent
 *                                delivered, building the calls included: the median round; -1 if unknown
 * @param rawCpuNanosPerEvent     the same while the raw producer sent
 * @param recordP50Nanos          record() on the application's thread while the agent delivered at full speed
 * @param outageEvents            events recorded while the broker was stopped and restarted
 * @param brokerDownMillis        from stopping the broker to its serving again
 * @param brokerDownMaxBlockNanos the longest record() call in that time
 * @param delivered               events of both measurements found on the topic afterwards
 */
public record AgentBenchReport(int events, int rounds, long eventBytes, double agentEventsPerSecond, double rawEventsPerSecond,
                               long agentCpuNanosPerEvent, long rawCpuNanosPerEvent,
                               long recordP50Nanos, long recordP99Nanos, long recordP999Nanos, long recordMaxNanos,
                               int outageEvents, long brokerDownMillis, long brokerDownMaxBlockNanos,
                               long offered, long accepted, long dropped, long spooled, long replayed, long sent,
                               long delivered) {

    /** The goals: within 80 % of a raw producer, a sub-microsecond p99, at most 5 ms blocked during an outage. */
    static final double RATIO_GOAL = 0.8;
    static final long RECORD_P99_GOAL_NANOS = 1_000;
    static final long BROKER_DOWN_BLOCK_GOAL_NANOS = 5_000_000;

    public double ratio() {
        return agentEventsPerSecond / rawEventsPerSecond;
    }

    /** Events accepted by the agents of this run that are not on the topic. */
    public long lost() {
        return Math.max(0, accepted - delivered);
    }

    public boolean goalsMet() {
        return ratio() >= RATIO_GOAL && recordP99Nanos <= RECORD_P99_GOAL_NANOS
                && brokerDownMaxBlockNanos <= BROKER_DOWN_BLOCK_GOAL_NANOS && lost() == 0;
    }

    public String toJson() {
        StringJoiner json = new StringJoiner(", ", "{", "}");
        fields().forEach((name, value) -> json.add("\"" + name + "\": " + value));
        return json.toString();
    }

    public String toText() {
        StringBuilder text = new StringBuilder();
        fields().forEach((name, value) -> text.append(String.format(Locale.ROOT, "%-28s %s%n", name, value)));
        return text.append(goalsMet() ? "all goals met" : "goals missed (ratio >= 0.8, record p99 <= 1000 ns, "
                + "broker-down block <= 5 ms, nothing lost)").toString();
    }

    private Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("events", Integer.toString(events));
        fields.put("rounds", Integer.toString(rounds));
        fields.put("event_bytes", Long.toString(eventBytes));
        fields.put("agent_events_per_s", Long.toString(Math.round(agentEventsPerSecond)));
        fields.put("raw_producer_events_per_s", Long.toString(Math.round(rawEventsPerSecond)));
        fields.put("ratio", String.format(Locale.ROOT, "%.3f", ratio()));
        fields.put("agent_cpu_ns_per_event", Long.toString(agentCpuNanosPerEvent));
        fields.put("raw_producer_cpu_ns_per_event", Long.toString(rawCpuNanosPerEvent));
        fields.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        fields.put("record_p50_ns", Long.toString(recordP50Nanos));
        fields.put("record_p99_ns", Long.toString(recordP99Nanos));
        fields.put("record_p999_ns", Long.toString(recordP999Nanos));
        fields.put("record_max_ns", Long.toString(recordMaxNanos));
        fields.put("outage_events", Integer.toString(outageEvents));
        fields.put("broker_down_ms", Long.toString(brokerDownMillis));
        fields.put("broker_down_max_block_ns", Long.toString(brokerDownMaxBlockNanos));
        fields.put("offered", Long.toString(offered));
        fields.put("accepted", Long.toString(accepted));
        fields.put("dropped", Long.toString(dropped));
        fields.put("spooled", Long.toString(spooled));
        fields.put("replayed", Long.toString(replayed));
        fields.put("sent", Long.toString(sent));
        fields.put("delivered", Long.toString(delivered));
        fields.put("lost", Long.toString(lost()));
        fields.put("goals_met", Boolean.toString(goalsMet()));
        return fields;
    }
}
