package io.llmwatch.agent;

import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LlmWatchJmxTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void eachClientRegistersItsCountersAndUnregistersThemOnClose() throws Exception {
        CapturedExport kafka = new CapturedExport();
        LlmWatch watch = kafka.builder().serviceName("jmx-check").build();
        ObjectName name = onlyAgentNamed("jmx-check");
        watch.record(LlmCall.builder().requestModel("gpt-4o-mini").build());
        watch.flush(Duration.ofSeconds(5));

        assertThat(server.getAttribute(name, "Sent")).isEqualTo(1L);
        assertThat(server.getAttribute(name, "QueueCapacity")).isEqualTo(LlmWatchBuilder.DEFAULT_QUEUE_CAPACITY);

        watch.close(Duration.ofSeconds(5));
        assertThat(server.isRegistered(name)).isFalse();
    }

    private ObjectName onlyAgentNamed(String serviceName) throws Exception {
        Set<ObjectName> agents = server.queryNames(new ObjectName("io.llmwatch:type=Agent,*"), null);
        return agents.stream().filter(name -> name.getKeyProperty("name").contains(serviceName)).findFirst().orElseThrow();
    }
}
