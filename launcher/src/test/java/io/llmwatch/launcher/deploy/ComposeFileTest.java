package io.llmwatch.launcher.deploy;

import io.llmwatch.launcher.LlmWatchCli;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** No Docker engine runs in CI, so the compose file is checked for what can go wrong without one. */
class ComposeFileTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        try (Reader reader = Files.newBufferedReader(REPOSITORY.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    void runsKafkaInKraftModeWithTheProcessorSinkAndSimulator() throws IOException {
        Map<String, Map<String, Object>> services = services();

        assertThat(services).containsKeys("kafka", "processor-1", "processor-2", "sink", "simulator");
        assertThat(services.get("kafka").get("image").toString()).startsWith("apache/kafka:");
        assertThat((Map<String, Object>) services.get("kafka").get("environment"))
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
    }

    @Test
    void everyServiceDependsOnlyOnServicesThatExist() throws IOException {
        Map<String, Map<String, Object>> services = services();

        services.forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            if (dependsOn instanceof Map<?, ?> conditions) {
                assertThat(services).as("dependencies of " + name).containsKeys(conditions.keySet().toArray(String[]::new));
            }
        });
    }

    @Test
    void everyLlmwatchCommandIsARealLauncherInvocation() throws IOException {
        Map<String, Map<String, Object>> services = services();
        List<Map.Entry<String, Map<String, Object>>> llmwatchServices = services.entrySet().stream()
                .filter(entry -> entry.getValue().containsKey("build") || "llmwatch:dev".equals(entry.getValue().get("image")))
                .toList();

        assertThat(llmwatchServices).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("processor-1", "processor-2", "sink", "simulator", "agent");
        for (Map.Entry<String, Map<String, Object>> service : llmwatchServices) {
            @SuppressWarnings("unchecked")
            List<String> command = (List<String>) service.getValue().get("command");
            CommandLine cli = LlmWatchCli.commandLine();
            assertThat(cli.getSubcommands()).as(service.getKey()).containsKey(command.get(0));
            assertThatCode(() -> cli.parseArgs(command.toArray(String[]::new)))
                    .as("command of " + service.getKey())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void theImageIsBuiltFromTheDeployDockerfileThatRunsTheLauncher() throws IOException {
        String dockerfile = Files.readString(REPOSITORY.resolve("deploy/Dockerfile"));

        assertThat(dockerfile).contains("llmwatch.jar").contains("ENTRYPOINT");
        services().values().stream().filter(service -> service.containsKey("build")).forEach(service ->
                assertThat((Map<String, Object>) service.get("build")).containsEntry("dockerfile", "deploy/Dockerfile"));
    }
}
