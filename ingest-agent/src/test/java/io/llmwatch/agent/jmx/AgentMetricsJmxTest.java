package io.llmwatch.agent.jmx;

import io.llmwatch.agent.export.AgentCounters;
import io.llmwatch.agent.export.DropReason;
import io.llmwatch.agent.export.LatencySummary;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import java.lang.management.ManagementFactory;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AgentMetricsJmxTest {

    private static final AgentCounters COUNTERS = new AgentCounters(90, Map.of(DropReason.QUEUE_FULL, 7L, DropReason.SPOOL_FULL, 3L),
            80, 2, 40, 35, 5, 2048, 4096, 1 << 20, new LatencySummary(80, 2_000_000, 1_500_000, 9_000_000, 12_000_000));

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void theCountersAreReadableOverJmxUntilTheRegistrationCloses() throws Exception {
        ObjectName name = JmxRegistration.agentName("llmwatch-agent-unknown_service:java-42");

        try (JmxRegistration registration = JmxRegistration.register(name, new AgentMetrics(() -> COUNTERS))) {
            assertThat(server.getAttribute(name, "Offered")).isEqualTo(100L);
            assertThat(server.getAttribute(name, "Accepted")).isEqualTo(90L);
            assertThat(server.getAttribute(name, "Spooled")).isEqualTo(40L);
            assertThat(server.getAttribute(name, "Replayed")).isEqualTo(35L);
            assertThat(server.getAttribute(name, "QueueCapacity")).isEqualTo(2048);
            assertThat(server.getAttribute(name, "SendLatencyP99Nanos")).isEqualTo(9_000_000L);
            TabularData drops = (TabularData) server.getAttribute(name, "DroppedByReason");
            assertThat(drops.get(new Object[] {"spool_full"})).extracting(row -> ((CompositeData) row).get("value")).isEqualTo(3L);
        }

        assertThat(server.isRegistered(name)).isFalse();
    }

    @Test
    void aNameAlreadyTakenLeavesTheClientWithoutJmxInsteadOfFailingIt() {
        ObjectName name = JmxRegistration.agentName("llmwatch-agent-twice-1");
        try (JmxRegistration first = JmxRegistration.register(name, new AgentMetrics(() -> COUNTERS));
             JmxRegistration second = JmxRegistration.register(name, new AgentMetrics(() -> COUNTERS))) {
            second.close();

            assertThat(server.isRegistered(name)).as("the second registration did nothing, so closing it unregisters nothing").isTrue();
        }
    }
}
