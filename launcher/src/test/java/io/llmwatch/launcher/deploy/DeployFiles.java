package io.llmwatch.launcher.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the deployment files of the repository (Compose, Kubernetes, Prometheus, Grafana) for the tests that check them. */
final class DeployFiles {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final Path DEPLOY = REPOSITORY.resolve("deploy");

    /** Metric names in PromQL: llmwatch's own, Kafka's (via Micrometer) and the JVM's. {@code up} is Prometheus' own. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:llmwatch|kafka|jvm|process|system)_[a-z0-9_]+)\\b");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeployFiles() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return (Map<String, Object>) new Yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of every Kubernetes manifest. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> kubernetesObjects() {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Path file : files(DEPLOY.resolve("kubernetes"), ".yaml")) {
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            try (Reader reader = Files.newBufferedReader(file)) {
                new Yaml().loadAll(reader).forEach(document -> objects.add((Map<String, Object>) document));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return objects;
    }

    static List<JsonNode> grafanaDashboards() {
        return files(DEPLOY.resolve("grafana/dashboards"), ".json").stream().map(file -> {
            try {
                return JSON.readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    /** Every PromQL expression of the dashboards and the alert rules. */
    @SuppressWarnings("unchecked")
    static List<String> promqlExpressions() {
        List<String> expressions = new ArrayList<>();
        grafanaDashboards().forEach(dashboard -> expressions.addAll(dashboard.findValuesAsText("expr")));
        for (Path rules : files(DEPLOY.resolve("prometheus/rules"), ".yml")) {
            for (Map<String, Object> group : (List<Map<String, Object>>) yaml(rules).get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    expressions.add(String.valueOf(rule.get("expr")));
                }
            }
        }
        return expressions;
    }

    static Set<String> referencedMetrics() {
        Set<String> names = new TreeSet<>();
        for (String expression : promqlExpressions()) {
            Matcher matcher = METRIC.matcher(expression);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    static List<Path> files(Path directory, String suffix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
