package io.llmwatch.launcher.command;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * How a command reaches Kafka. Security (TLS, SASL/SCRAM, SASL/PLAIN, OAUTHBEARER) is not special:
 * any standard client setting passes through from a properties file, an {@code LLMWATCH_KAFKA_*}
 * environment variable or {@code --kafka-property}.
 */
public final class KafkaOptions {

    /**
     * {@code LLMWATCH_KAFKA_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}: containers get credentials from
     * secrets as environment variables, never on a command line that {@code ps} shows.
     */
    static final String ENVIRONMENT_PREFIX = "LLMWATCH_KAFKA_";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka to connect to. Without it, demo and up start an embedded single-node broker.")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties file (security.protocol, sasl.*, ssl.*, ...).")
    Path configFile;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "A Kafka client property; repeatable; overrides --kafka-config.")
    Map<String, String> properties = new HashMap<>();

    /** No external cluster: the command starts an embedded broker. */
    public static KafkaOptions embedded() {
        return new KafkaOptions();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The bootstrap servers of a command that cannot run an embedded broker. */
    public String requireExternal(String command) {
        if (!external()) {
            throw new IllegalArgumentException(command + " needs --bootstrap-servers (only demo and up can start an embedded broker)");
        }
        return bootstrapServers;
    }

    public boolean external() {
        return bootstrapServers != null && !bootstrapServers.isBlank();
    }

    /**
     * The client properties other than bootstrap.servers: the file first, then {@code LLMWATCH_KAFKA_*}
     * environment variables, then command-line overrides.
     */
    public Map<String, Object> clientProperties() {
        return clientProperties(System.getenv());
    }

    Map<String, Object> clientProperties(Map<String, String> environment) {
        Map<String, Object> merged = new HashMap<>();
        if (configFile != null) {
            Properties fromFile = new Properties();
            try (InputStream in = Files.newInputStream(configFile)) {
                fromFile.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read Kafka config " + configFile, e);
            }
            fromFile.forEach((key, value) -> merged.put(key.toString(), value));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENVIRONMENT_PREFIX) && name.length() > ENVIRONMENT_PREFIX.length()) {
                merged.put(name.substring(ENVIRONMENT_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        merged.putAll(properties);
        merged.remove("bootstrap.servers");
        return merged;
    }
}
