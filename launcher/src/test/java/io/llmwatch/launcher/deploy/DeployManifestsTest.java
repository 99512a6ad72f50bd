package io.llmwatch.launcher.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.launcher.LlmWatchCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.llmwatch.launcher.deploy.DeployFiles.DEPLOY;
import static io.llmwatch.launcher.deploy.DeployFiles.REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What can be checked of the deployment files without a cluster: Kubernetes workloads run real
 * launcher commands, names and ports agree between workloads, services, probes, scrape settings and
 * Compose, and Grafana is provisioned with the dashboards and the datasource they use. That every
 * metric they name exists is {@link MetricsScrapeIT}'s job.
 */
class DeployManifestsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object parent, String key) {
        return (Map<String, Object>) ((Map<String, Object>) parent).get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object parent, String key) {
        return (List<Map<String, Object>>) ((Map<String, Object>) parent).getOrDefault(key, List.of());
    }

    private static List<Map<String, Object>> objectsOfKind(String kind) {
        return DeployFiles.kubernetesObjects().stream().filter(object -> kind.equals(object.get("kind"))).toList();
    }

    private static List<Map<String, Object>> workloads() {
        return DeployFiles.kubernetesObjects().stream()
                .filter(object -> List.of("Deployment", "StatefulSet").contains(object.get("kind"))).toList();
    }

    private static String name(Map<String, Object> object) {
        return String.valueOf(map(object, "metadata").get("name"));
    }

    private static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(map(map(workload, "spec"), "template"), "spec");
    }

    @SuppressWarnings("unchecked")
    private static List<String> args(Map<String, Object> container) {
        return (List<String>) container.get("args");
    }

    /** The value following {@code flag} in a command line. */
    private static Optional<String> flag(List<String> command, String flag) {
        int at = command.indexOf(flag);
        return at < 0 ? Optional.empty() : Optional.of(command.get(at + 1));
    }

    @Test
    void everyKubernetesContainerRunsARealLauncherCommand() {
        assertThat(workloads()).extracting(DeployManifestsTest::name)
                .containsExactlyInAnyOrder("llmwatch-processor", "llmwatch-sink", "llmwatch-agent");
        for (Map<String, Object> workload : workloads()) {
            for (Map<String, Object> container : list(podSpec(workload), "containers")) {
                List<String> command = args(container);
                CommandLine cli = LlmWatchCli.commandLine();
                assertThat(cli.getSubcommands()).as(name(workload)).containsKey(command.get(0));
                assertThatCode(() -> cli.parseArgs(command.toArray(String[]::new))).as(name(workload)).doesNotThrowAnyException();
            }
        }
    }

    /**
     * {@code demo} and {@code up} run every role in one process and serve each role's {@code /metrics} where the
     * role's own command does by default: the processor's on its API port, the sink's on {@code --metrics-port},
     * the sidecar's on its OTLP port, all on loopback unless told otherwise. Kubernetes and Compose scrape the
     * sink on that same default port.
     */
    @Test
    @SuppressWarnings("unchecked")
    void demoAndUpServeEachRolesMetricsOnTheDefaultPortsOfTheRolesOwnCommands() {
        CommandLine cli = LlmWatchCli.commandLine();
        Map<String, String> roleOfPortFlag = Map.of("--http-port", "processor", "--metrics-port", "sink", "--otlp-port", "agent");
        for (String allInOne : List.of("demo", "up")) {
            CommandLine.Model.CommandSpec spec = cli.getSubcommands().get(allInOne).getCommandSpec();
            roleOfPortFlag.forEach((portFlag, role) -> assertThat(spec.findOption(portFlag)).as(allInOne + " " + portFlag)
                    .isNotNull()
                    .extracting(CommandLine.Model.OptionSpec::defaultValue)
                    .isEqualTo(cli.getSubcommands().get(role).getCommandSpec().findOption(portFlag).defaultValue()));
            for (String hostFlag : List.of("--metrics-host", "--otlp-host", "--http-host")) {
                assertThat(spec.findOption(hostFlag).defaultValue()).as(allInOne + " " + hostFlag).isEqualTo("127.0.0.1");
            }
        }
        String sinkMetricsPort = cli.getSubcommands().get("sink").getCommandSpec().findOption("--metrics-port").defaultValue();
        Map<String, Object> sink = objectsOfKind("Deployment").stream().filter(d -> name(d).equals("llmwatch-sink"))
                .findFirst().orElseThrow();
        assertThat(flag(args(list(podSpec(sink), "containers").get(0)), "--metrics-port")).contains(sinkMetricsPort);
        List<String> composeSink = (List<String>) map(map(DeployFiles.yaml(REPOSITORY.resolve("docker-compose.yml")), "services"),
                "sink").get("command");
        assertThat(flag(composeSink, "--metrics-port")).contains(sinkMetricsPort);
    }

    @Test
    void theProcessorIsAStatefulSetAdvertisingItsStableNameThroughAHeadlessService() {
        Map<String, Object> processor = objectsOfKind("StatefulSet").get(0);
        String serviceName = String.valueOf(map(processor, "spec").get("serviceName"));
        Map<String, Object> headless = objectsOfKind("Service").stream().filter(service -> name(service).equals(serviceName))
                .findFirst().orElseThrow(() -> new AssertionError("no Service " + serviceName));
        assertThat(map(headless, "spec")).containsEntry("clusterIP", "None");
        assertThat(map(map(map(map(processor, "spec"), "template"), "metadata"), "labels"))
                .containsAllEntriesOf(selector(headless));

        List<String> command = args(list(podSpec(processor), "containers").get(0));
        assertThat(flag(command, "--advertised-host")).hasValueSatisfying(host ->
                assertThat(host).startsWith("$(POD_NAME).").contains("." + serviceName + "."));
        assertThat(flag(command, "--standby-replicas")).contains("1");

        String stateVolume = String.valueOf(map(list(map(processor, "spec"), "volumeClaimTemplates").get(0), "metadata").get("name"));
        String mountPath = list(list(podSpec(processor), "containers").get(0), "volumeMounts").stream()
                .filter(mount -> stateVolume.equals(mount.get("name"))).map(mount -> String.valueOf(mount.get("mountPath")))
                .findFirst().orElseThrow(() -> new AssertionError("the state volume is not mounted"));
        assertThat(flag(command, "--state-dir")).hasValueSatisfying(directory -> assertThat(directory).startsWith(mountPath + "/"));
    }

    @Test
    void everyServicePortProbeAndScrapeAnnotationNamesAPortTheContainerServes() {
        for (Map<String, Object> workload : workloads()) {
            Map<String, Object> container = list(podSpec(workload), "containers").get(0);
            Map<String, Integer> ports = new HashMap<>();
            list(container, "ports").forEach(port -> ports.put(String.valueOf(port.get("name")), (Integer) port.get("containerPort")));
            List<String> command = args(container);
            // The port the container declares is the one its command listens on.
            Set<Integer> listening = new HashSet<>();
            for (String portFlag : List.of("--http-port", "--metrics-port", "--otlp-port")) {
                flag(command, portFlag).map(Integer::valueOf).ifPresent(listening::add);
            }
            assertThat(listening).as(name(workload)).containsAll(ports.values());

            Map<String, Object> annotations = map(map(map(map(workload, "spec"), "template"), "metadata"), "annotations");
            assertThat(ports.values()).as(name(workload) + " scrape port")
                    .contains(Integer.valueOf(String.valueOf(annotations.get("prometheus.io/port"))));
            assertThat(annotations).containsEntry("prometheus.io/path", "/metrics");
            for (String probe : List.of("readinessProbe", "livenessProbe")) {
                Optional.ofNullable(map(container, probe)).map(p -> map(p, "httpGet"))
                        .ifPresent(get -> assertThat(ports).as(name(workload) + " " + probe).containsKey(String.valueOf(get.get("port"))));
            }

            for (Map<String, Object> service : objectsOfKind("Service")) {
                Map<String, Object> labels = map(map(map(map(workload, "spec"), "template"), "metadata"), "labels");
                if (labels.entrySet().containsAll(selector(service).entrySet())) {
                    list(map(service, "spec"), "ports").forEach(port ->
                            assertThat(ports).as(name(service) + " → " + name(workload)).containsKey(String.valueOf(port.get("targetPort"))));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> selector(Map<String, Object> service) {
        return (Map<String, Object>) map(service, "spec").get("selector");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composePrometheusScrapesEveryLlmwatchRoleAtThePortItServes() {
        Map<String, Object> services = map(DeployFiles.yaml(REPOSITORY.resolve("docker-compose.yml")), "services");
        Set<String> scraped = new HashSet<>();
        for (Map<String, Object> job : list(DeployFiles.yaml(DEPLOY.resolve("prometheus/prometheus.yml")), "scrape_configs")) {
            for (Map<String, Object> targets : list(job, "static_configs")) {
                for (String target : (List<String>) targets.get("targets")) {
                    String host = target.substring(0, target.indexOf(':'));
                    String port = target.substring(target.indexOf(':') + 1);
                    if (host.equals("localhost")) {
                        continue;
                    }
                    assertThat(services).as("scrape target " + target).containsKey(host);
                    List<String> command = (List<String>) map(services, host).get("command");
                    assertThat(List.of("--http-port", "--metrics-port", "--otlp-port").stream().map(f -> flag(command, f)))
                            .as("port of " + target).contains(Optional.of(port));
                    scraped.add(host);
                }
            }
        }
        List<String> serving = services.entrySet().stream()
                .filter(service -> "llmwatch:dev".equals(((Map<String, Object>) service.getValue()).get("image")))
                .map(Map.Entry::getKey).filter(service -> !service.equals("simulator")).toList();
        assertThat(scraped).containsExactlyInAnyOrderElementsOf(serving);
        assertThat((List<String>) map(services, "prometheus").get("volumes")).contains("./deploy/prometheus:/etc/prometheus:ro");
        assertThat(DeployFiles.files(DEPLOY.resolve("prometheus/rules"), ".yml")).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaIsProvisionedWithTheDashboardsAndTheDatasourceTheyUse() {
        Map<String, Object> grafana = map(map(DeployFiles.yaml(REPOSITORY.resolve("docker-compose.yml")), "services"), "grafana");
        List<String> volumes = (List<String>) grafana.get("volumes");
        assertThat(volumes).contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro");
        String dashboardsMount = volumes.stream().filter(volume -> volume.startsWith("./deploy/grafana/dashboards:"))
                .map(volume -> volume.split(":")[1]).findFirst().orElseThrow();
        Map<String, Object> provider = list(DeployFiles.yaml(DEPLOY.resolve("grafana/provisioning/dashboards/llmwatch.yml")), "providers").get(0);
        assertThat(map(provider, "options")).containsEntry("path", dashboardsMount);

        Set<String> datasources = new HashSet<>();
        list(DeployFiles.yaml(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml")), "datasources")
                .forEach(datasource -> datasources.add(String.valueOf(datasource.get("uid"))));
        List<JsonNode> dashboards = DeployFiles.grafanaDashboards();
        assertThat(dashboards).extracting(dashboard -> dashboard.get("uid").asText())
                .containsExactlyInAnyOrder("llmwatch-llm", "llmwatch-pipeline");
        for (JsonNode dashboard : dashboards) {
            assertThat(dashboard.get("panels")).as(dashboard.get("uid").asText()).isNotEmpty();
            dashboard.findValues("datasource").forEach(datasource ->
                    assertThat(datasources).as(dashboard.get("uid").asText()).contains(datasource.get("uid").asText()));
        }
        String home = String.valueOf(((Map<String, Object>) grafana.get("environment")).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"));
        assertThat(Path.of(home).getParent().toString()).isEqualTo(dashboardsMount);
        assertThat(Files.exists(DEPLOY.resolve("grafana/dashboards").resolve(Path.of(home).getFileName()))).isTrue();
    }

    @Test
    void everyAlertRuleAndPanelQueriesAtLeastOneLlmwatchMetric() {
        assertThat(DeployFiles.promqlExpressions()).isNotEmpty().allSatisfy(expression ->
                assertThat(expression).containsPattern("(llmwatch|kafka|jvm)_[a-z0-9_]+|\\bup\\{"));
        assertThat(DeployFiles.referencedMetrics()).contains(
                "kafka_consumer_fetch_manager_records_lag", "llmwatch_topic_records_written",
                "llmwatch_agent_events_dropped_total", "kafka_stream_topic_records_consumed_total");
    }
}
