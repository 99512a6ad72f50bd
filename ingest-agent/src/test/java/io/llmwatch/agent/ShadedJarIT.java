package io.llmwatch.agent;

import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code -all} jar as an application would use it: alone on a class path with slf4j-api, nothing else.
 * Runs after {@code package}, which builds the jar.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ShadedJarIT {

    private static final String SHADED_PREFIX = "io/llmwatch/";

    @BeforeAll
    static void createTopics(EmbeddedKafkaBroker kafka) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(Topics.ALL, 3, (short) 1);
        }
    }

    @Test
    void everyBundledClassIsLlmwatchsOwnOrRelocatedUnderIt() throws IOException {
        try (JarFile jar = new JarFile(shadedJar().toFile())) {
            List<String> classes = Collections.list(jar.entries()).stream()
                    .map(JarEntry::getName).filter(name -> name.endsWith(".class")).toList();

            assertThat(classes).isNotEmpty().allMatch(name -> name.startsWith(SHADED_PREFIX), "is under " + SHADED_PREFIX);
            assertThat(classes).contains("io/llmwatch/agent/shaded/org/apache/kafka/clients/producer/KafkaProducer.class")
                    .noneMatch(name -> name.startsWith("org/slf4j/"));
        }
    }

    @Test
    void theShadedAgentDeliversOnItsOwnClassPath(EmbeddedKafkaBroker kafka) throws Exception {
        URL[] classPath = {shadedJar().toUri().toURL(), LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation()};
        ClassLoader testClassLoader = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader isolated = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            // As in an application with the jar on its class path: Kafka loads configured classes through it.
            Thread.currentThread().setContextClassLoader(isolated);
            assertThatThrownBy(() -> isolated.loadClass("org.apache.kafka.clients.producer.KafkaProducer"))
                    .isInstanceOf(ClassNotFoundException.class);

            Class<?> watchType = isolated.loadClass(LlmWatch.class.getName());
            Class<?> callType = isolated.loadClass(LlmCall.class.getName());
            Object builder = call(watchType, null, "builder");
            builder = call(builder.getClass(), builder, "bootstrapServers", kafka.bootstrapServers());
            builder = call(builder.getClass(), builder, "serviceName", "it-shaded-jar");
            builder = call(builder.getClass(), builder, "shutdownHook", false);
            Object watch = call(builder.getClass(), builder, "build");
            try {
                Object callBuilder = call(callType, null, "builder");
                callBuilder = call(callBuilder.getClass(), callBuilder, "requestModel", "gpt-4o-mini");
                Object llmCall = call(callBuilder.getClass(), callBuilder, "build");

                assertThat(watchType.getMethod("record", callType).invoke(watch, llmCall)).isEqualTo(true);
                assertThat(call(watchType, watch, "flush", Duration.ofSeconds(30))).isEqualTo(true);
            } finally {
                call(watchType, watch, "close", Duration.ofSeconds(10));
            }
        } finally {
            Thread.currentThread().setContextClassLoader(testClassLoader);
        }

        try (TopicReader<SpanEvent> reader = new TopicReader<>(kafka.bootstrapServers(), Topics.SPANS)) {
            assertThat(reader.awaitRecords(record -> "it-shaded-jar".equals(record.value().getAttribution().getService()), 1))
                    .hasSize(1);
        }
    }

    /** Calls a public method by name on an object of the isolated class loader, whose types this test cannot name. */
    private static Object call(Class<?> type, Object target, String name, Object... arguments) throws Exception {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == arguments.length
                    && parametersAccept(method.getParameterTypes(), arguments)) {
                return method.invoke(target, arguments);
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + name);
    }

    private static boolean parametersAccept(Class<?>[] parameters, Object[] arguments) {
        for (int i = 0; i < parameters.length; i++) {
            Class<?> parameter = parameters[i] == boolean.class ? Boolean.class : parameters[i];
            if (!parameter.isInstance(arguments[i])) {
                return false;
            }
        }
        return true;
    }

    private static Path shadedJar() throws IOException {
        try (Stream<Path> built = Files.list(Path.of("target"))) {
            return built.filter(file -> file.getFileName().toString().endsWith("-all.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("No -all jar in target/: run the package phase first"));
        }
    }
}
