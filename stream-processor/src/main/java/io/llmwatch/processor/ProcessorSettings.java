package io.llmwatch.processor;

import io.llmwatch.processor.topology.TopologySettings;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How one processor instance runs.
 *
 * @param applicationId     Kafka Streams application id; instances with the same id share the work
 * @param bootstrapServers  Kafka bootstrap servers
 * @param clientProperties  extra Kafka client settings, e.g. security.protocol and sasl.* for a secured cluster
 * @param stateDirectory    where RocksDB state lives; keep it across restarts to avoid restoring from changelogs
 * @param httpHost          address the query API binds to
 * @param httpPort          port of the query API (0 picks a free one)
 * @param advertisedHost    host name other instances reach this one's API at; needed when binding a wildcard address
 * @param standbyReplicas   warm copies of each store on other instances, for fast failover
 * @param topology          what the topology computes
 */
public record ProcessorSettings(
        String applicationId,
        String bootstrapServers,
        Map<String, Object> clientProperties,
        Path stateDirectory,
        String httpHost,
        int httpPort,
        String advertisedHost,
        int standbyReplicas,
        TopologySettings topology) {

    public static final String DEFAULT_APPLICATION_ID = "llmwatch-processor";
    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
    public static final int DEFAULT_HTTP_PORT = 8080;

    public ProcessorSettings {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        clientProperties = Map.copyOf(clientProperties);
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("httpPort out of range: " + httpPort);
        }
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("standbyReplicas must not be negative");
        }
    }

    /** Defaults for everything but where Kafka is and where state goes. */
    public static ProcessorSettings defaults(String bootstrapServers, Path stateDirectory) {
        return new ProcessorSettings(DEFAULT_APPLICATION_ID, bootstrapServers, Map.of(), stateDirectory,
                DEFAULT_HTTP_HOST, DEFAULT_HTTP_PORT, DEFAULT_HTTP_HOST, 0, TopologySettings.DEFAULTS);
    }

    public ProcessorSettings withHttpPort(int port) {
        return new ProcessorSettings(applicationId, bootstrapServers, clientProperties, stateDirectory, httpHost, port,
                advertisedHost, standbyReplicas, topology);
    }
}
