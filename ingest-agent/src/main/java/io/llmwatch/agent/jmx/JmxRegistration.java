package io.llmwatch.agent.jmx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * An MBean registered on the platform MBean server until {@link #close()}. Registration never fails the
 * client: telemetry still flows without JMX, so a refusal (a name already taken, a restrictive security
 * manager) is logged and the registration does nothing.
 */
public final class JmxRegistration implements AutoCloseable {

    private static final String DOMAIN = "io.llmwatch";
    private static final Logger LOG = LoggerFactory.getLogger(JmxRegistration.class);

    private final MBeanServer server;
    /** Null when registration failed. */
    private final ObjectName name;

    private JmxRegistration(MBeanServer server, ObjectName name) {
        this.server = server;
        this.name = name;
    }

    /** {@code io.llmwatch:type=Agent,name="<clientId>"}; the name is quoted, so any client id is valid. */
    public static ObjectName agentName(String clientId) {
        try {
            return new ObjectName(DOMAIN + ":type=Agent,name=" + ObjectName.quote(clientId));
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("Cannot name an MBean after " + clientId, e);
        }
    }

    public static JmxRegistration register(ObjectName name, Object mbean) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.registerMBean(mbean, name);
            return new JmxRegistration(server, name);
        } catch (JMException | SecurityException e) {
            LOG.warn("llmwatch counters are not available over JMX as {}: {}", name, e.toString());
            return new JmxRegistration(server, null);
        }
    }

    @Override
    public void close() {
        if (name == null) {
            return;
        }
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // Already gone: closing twice is harmless.
        } catch (JMException | SecurityException e) {
            LOG.warn("Cannot unregister {}: {}", name, e.toString());
        }
    }
}
