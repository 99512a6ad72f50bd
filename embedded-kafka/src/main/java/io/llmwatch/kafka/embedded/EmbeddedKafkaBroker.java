package io.llmwatch.kafka.embedded;

import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * A real single-node KRaft broker (combined controller + broker) running inside this JVM, built on
 * Kafka's own {@link KafkaClusterTestKit}. It backs {@code ./llmwatch demo}, {@code ./llmwatch up}
 * and every integration test, so what we test is the protocol users run against.
 *
 * <p>Settings are those of a one-node cluster: every internal topic has replication factor 1 and
 * min ISR 1, and consumer groups do not wait for more members before the first rebalance.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /**
     * The controller keeps a stopped broker's registration until its session lapses, and refuses the
     * restarted broker until then; Kafka's 9 s default would make every restart take that long.
     */
    private static final Map<String, String> QUICK_RESTART = Map.of(
            "broker.heartbeat.interval.ms", "500",
            "broker.session.timeout.ms", "2000");

    /** Kafka's minimum for SCRAM-SHA-512; the broker only ever talks to local test clients. */
    private static final int SCRAM_ITERATIONS = 4096;

    private final KafkaClusterTestKit cluster;
    private final Duration startupTime;
    private final Optional<SaslSslListener> secureListener;

    private EmbeddedKafkaBroker(KafkaClusterTestKit cluster, Duration startupTime, Optional<SaslSslListener> secureListener) {
        this.cluster = cluster;
        this.startupTime = startupTime;
        this.secureListener = secureListener;
    }

    /** Starts a broker whose data is deleted when it closes. */
    public static EmbeddedKafkaBroker start() {
        return start(null);
    }

    /**
     * Starts a broker. With a {@code dataDirectory} the log survives restarts of the process (the
     * directory is formatted only the first time); without one a temporary directory is used and
     * removed on close.
     */
    public static EmbeddedKafkaBroker start(Path dataDirectory) {
        return start(dataDirectory, Map.of());
    }

    /**
     * Starts a broker with a temporary directory meant to be taken down and brought back by {@link #stopBroker()}
     * and {@link #restartBroker()}, as an outage would: its registration lapses after 2 s instead of 9 s, so a
     * restart is quick. The shorter session also fences a broker stalled that long, which is why it is not the default.
     */
    public static EmbeddedKafkaBroker startRestartable() {
        return start(null, QUICK_RESTART);
    }

    /**
     * Starts a broker with a temporary directory and, besides its plaintext listener, the SASL_SSL
     * {@code listener} (SCRAM-SHA-512) with the standard authorizer on: clients of
     * {@link #secureBootstrapServers()} need a user made by {@link #createScramUser} and ACLs.
     */
    public static EmbeddedKafkaBroker startSecure(SaslSslListener listener) {
        return start(null, Map.of(), Optional.of(listener));
    }

    private static EmbeddedKafkaBroker start(Path dataDirectory, Map<String, String> extraConfig) {
        return start(dataDirectory, extraConfig, Optional.empty());
    }

    private static EmbeddedKafkaBroker start(Path dataDirectory, Map<String, String> extraConfig,
                                             Optional<SaslSslListener> secureListener) {
        long began = System.nanoTime();
        try {
            TestKitNodes.Builder nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1);
            boolean persistent = dataDirectory != null;
            boolean alreadyFormatted = persistent && isFormatted(dataDirectory);
            if (persistent) {
                Files.createDirectories(dataDirectory);
                nodes.setBaseDirectory(dataDirectory).setClusterId(ClusterIdFile.readOrCreate(dataDirectory));
            }
            TestKitNodes builtNodes = nodes.build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(builtNodes);
            extraConfig.forEach(builder::setConfigProp);
            secureListener.ifPresent(listener -> listener.brokerConfig(builtNodes.brokerListenerName().value(),
                    builtNodes.controllerListenerName().value()).forEach(builder::setConfigProp));
            KafkaClusterTestKit cluster = builder
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "4")
                    .setConfigProp("min.insync.replicas", "1")
                    .setConfigProp("default.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setDeleteOnClose(!persistent)
                    .build();
            if (!alreadyFormatted) {
                formatQuietly(cluster);
            }
            cluster.startup();
            cluster.waitForReadyBrokers();
            Duration startupTime = Duration.ofNanos(System.nanoTime() - began);
            LOG.info("Embedded Kafka broker ready at {} in {} ms", cluster.bootstrapServers(), startupTime.toMillis());
            return new EmbeddedKafkaBroker(cluster, startupTime, secureListener);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the embedded Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    /** Kafka's storage formatter prints its bootstrap metadata to stdout, which is the CLI's own output. */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            cluster.format();
        } finally {
            System.setOut(stdout);
        }
    }

    private static boolean isFormatted(Path dataDirectory) {
        try (var files = Files.walk(dataDirectory, 3)) {
            return files.anyMatch(p -> p.getFileName().toString().equals("meta.properties"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The {@code bootstrap.servers} value clients use to reach this broker. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The {@code bootstrap.servers} of the SASL_SSL listener of a broker started by {@link #startSecure}. */
    public String secureBootstrapServers() {
        secureListener.orElseThrow(() -> new IllegalStateException("This broker has no SASL_SSL listener"));
        return "localhost:" + onlyBroker().boundPort(ListenerName.normalised(SaslSslListener.NAME));
    }

    /** Client settings that reach {@link #secureBootstrapServers()} as {@code user}, bootstrap servers included. */
    public Map<String, Object> secureClientConfig(String user, String password) {
        Map<String, Object> config = new HashMap<>(secureListener
                .orElseThrow(() -> new IllegalStateException("This broker has no SASL_SSL listener"))
                .clientConfig(user, password));
        config.put("bootstrap.servers", secureBootstrapServers());
        return config;
    }

    /** Creates (or replaces) a SCRAM-SHA-512 user, through the plaintext listener where the operator is a super user. */
    public void createScramUser(String user, String password) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating SCRAM user " + user, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create SCRAM user " + user + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Stops the broker while its controller keeps running, as an outage would: clients see connections
     * refused until {@link #restartBroker()}. Its log stays on disk.
     */
    public void stopBroker() {
        BrokerServer broker = onlyBroker();
        broker.shutdown();
        broker.awaitShutdown();
    }

    /**
     * Starts the broker {@link #stopBroker()} stopped, on the same port (so clients' {@code bootstrap.servers}
     * stays valid) and with the same log, and waits until it serves requests again.
     */
    public void restartBroker() {
        try {
            onlyBroker().startup();
            cluster.waitForReadyBrokers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while restarting the embedded Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not restart the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    private BrokerServer onlyBroker() {
        return cluster.brokers().values().iterator().next();
    }

    /** Wall-clock time from {@link #start} until the broker accepted requests. */
    public Duration startupTime() {
        return startupTime;
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Error while stopping the embedded Kafka broker", e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + Objects.toString(cluster.bootstrapServers()) + "]";
    }
}
