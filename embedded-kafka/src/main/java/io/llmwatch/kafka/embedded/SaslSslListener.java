package io.llmwatch.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A SASL_SSL listener (SCRAM-SHA-512 over TLS) for the embedded broker, as a secured production cluster
 * would offer: a fresh self-signed certificate for {@code localhost} (made by the JDK's own {@code keytool},
 * so no certificate library is needed), a PKCS12 key store for the broker and a trust store for clients.
 * Files live in a directory the caller owns; passwords are random per instance.
 */
public final class SaslSslListener {

    /** The listener's name in {@code listeners}; the plaintext listener stays for the operator's own admin client. */
    public static final String NAME = "SECURE";
    public static final String MECHANISM = "SCRAM-SHA-512";

    private static final String ALIAS = "broker";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private final Path keyStore;
    private final Path trustStore;
    private final String storePassword;

    private SaslSslListener(Path keyStore, Path trustStore, String storePassword) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.storePassword = storePassword;
    }

    /** Generates the broker's certificate (valid for {@code localhost} and 127.0.0.1, one day) into {@code directory}. */
    public static SaslSslListener generate(Path directory) {
        try {
            Files.createDirectories(directory);
            String password = UUID.randomUUID().toString();
            Path keyStore = directory.resolve("broker.keystore.p12");
            Path certificate = directory.resolve("broker.crt");
            Path trustStore = directory.resolve("client.truststore.p12");
            keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "1",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", password);
            keytool("-exportcert", "-alias", ALIAS, "-rfc", "-file", certificate.toString(),
                    "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", password);
            keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(),
                    "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", password);
            return new SaslSslListener(keyStore, trustStore, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot generate the broker certificate in " + directory, e);
        }
    }

    private static void keytool(String... arguments) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running keytool", e);
        }
    }

    /**
     * The broker settings of this listener next to the plaintext ones. The standard authorizer is on and
     * denies what no ACL allows; the plaintext listeners (the controller's and the operator's local admin
     * client) authenticate as {@code User:ANONYMOUS}, which is a super user, so tests can create users and ACLs.
     */
    Map<String, String> brokerConfig(String plaintextListener, String controllerListener) {
        String prefix = "listener.name." + NAME.toLowerCase() + ".";
        Map<String, String> config = new HashMap<>();
        config.put("listeners", plaintextListener + "://localhost:0," + controllerListener + "://localhost:0," + NAME + "://localhost:0");
        config.put("listener.security.protocol.map",
                plaintextListener + ":PLAINTEXT," + controllerListener + ":PLAINTEXT," + NAME + ":SASL_SSL");
        config.put(prefix + "sasl.enabled.mechanisms", MECHANISM);
        config.put(prefix + MECHANISM.toLowerCase() + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        config.put(prefix + "ssl.keystore.location", keyStore.toString());
        config.put(prefix + "ssl.keystore.type", "PKCS12");
        config.put(prefix + "ssl.keystore.password", storePassword);
        config.put(prefix + "ssl.key.password", storePassword);
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("allow.everyone.if.no.acl.found", "false");
        config.put("super.users", "User:ANONYMOUS");
        return config;
    }

    /**
     * What a client puts in its properties (or a {@code --kafka-config} file) to reach this listener as
     * {@code user}: exactly the settings a client of a real SASL_SSL cluster uses.
     */
    public Map<String, Object> clientConfig(String user, String password) {
        Map<String, Object> config = new HashMap<>();
        config.put("security.protocol", "SASL_SSL");
        config.put("sasl.mechanism", MECHANISM);
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        config.put("ssl.truststore.location", trustStore.toString());
        config.put("ssl.truststore.type", "PKCS12");
        config.put("ssl.truststore.password", storePassword);
        return config;
    }
}
