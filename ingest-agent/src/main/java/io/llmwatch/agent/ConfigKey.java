package io.llmwatch.agent;

import io.llmwatch.agent.spool.FsyncPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The settings that can come from outside the code. Each has one property name ({@code llmwatch.queue.capacity})
 * and the environment variable derived from it ({@code LLMWATCH_QUEUE_CAPACITY}), so the two can never disagree.
 */
enum ConfigKey {

    BOOTSTRAP_SERVERS("llmwatch.bootstrap.servers", LlmWatchBuilder::bootstrapServers),
    SERVICE_NAME("llmwatch.service.name", LlmWatchBuilder::serviceName),
    ENVIRONMENT("llmwatch.environment", LlmWatchBuilder::environment),
    RELEASE("llmwatch.release", LlmWatchBuilder::release),
    QUEUE_CAPACITY("llmwatch.queue.capacity", (builder, value) -> builder.queueCapacity(Integer.parseInt(value))),
    CAPTURE_CONTENT("llmwatch.capture.content", (builder, value) -> builder.captureContent(parseBoolean(value))),
    SHUTDOWN_HOOK("llmwatch.shutdown.hook", (builder, value) -> builder.shutdownHook(parseBoolean(value))),
    CLOSE_TIMEOUT_MS("llmwatch.close.timeout.ms", (builder, value) -> builder.closeTimeout(Duration.ofMillis(Long.parseLong(value)))),
    SPOOL_DIRECTORY("llmwatch.spool.directory", (builder, value) -> builder.spoolDirectory(Path.of(value))),
    SPOOL_MAX_BYTES("llmwatch.spool.max.bytes", (builder, value) -> builder.spoolMaxBytes(Long.parseLong(value))),
    SPOOL_FSYNC("llmwatch.spool.fsync", (builder, value) -> builder.spoolFsync(FsyncPolicy.parse(value)));

    /** {@code llmwatch.producer.<kafka producer setting>}, e.g. {@code llmwatch.producer.security.protocol}. */
    static final String PRODUCER_PREFIX = "llmwatch.producer.";

    private final String property;
    private final BiConsumer<LlmWatchBuilder, String> setter;

    ConfigKey(String property, BiConsumer<LlmWatchBuilder, String> setter) {
        this.property = property;
        this.setter = setter;
    }

    String property() {
        return property;
    }

    String environmentVariable() {
        return toEnvironmentVariable(property);
    }

    /**
     * Applies {@code value} to {@code builder}.
     *
     * @throws IllegalArgumentException naming this key if the value cannot be parsed or is out of range
     */
    void apply(LlmWatchBuilder builder, String value) {
        try {
            setter.accept(builder, value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " (" + environmentVariable() + ") = '" + value + "': " + e.getMessage(), e);
        }
    }

    /** {@code llmwatch.producer.security.protocol} becomes {@code LLMWATCH_PRODUCER_SECURITY_PROTOCOL}. */
    static String toEnvironmentVariable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The inverse for producer settings, whose names are dotted lower case: {@code SECURITY_PROTOCOL} → {@code security.protocol}. */
    static String producerSettingOf(String environmentSuffix) {
        return environmentSuffix.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** Stricter than {@link Boolean#parseBoolean}, which reads a typo as false. */
    private static boolean parseBoolean(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }
}
