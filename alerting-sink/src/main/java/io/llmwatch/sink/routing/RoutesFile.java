package io.llmwatch.sink.routing;

import io.llmwatch.sink.grouping.GroupingPolicy;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a routes file (YAML; JSON is YAML too):
 *
 * <pre>
 * defaults:                       # grouping of every route that does not set its own
 *   group_by: [type, dimension]
 *   group_wait: 30s
 *   group_interval: 5m
 *   repeat_interval: 4h
 * routes:
 *   - name: page-on-critical
 *     type: [cost_spike, budget]  # alert type(s)
 *     severity: critical          # severity or severities
 *     tenant: acme                # tenant(s)
 *     key: "support-.*"           # regex on the whole dimension key
 *     matchers: ["dimension=feature"]   # any other Alertmanager-style matcher
 *     destinations: [pagerduty, slack]
 *     group_by: [dedupKey]        # one group per incident
 *     continue: false
 * </pre>
 */
public final class RoutesFile {

    private static final Set<String> ROUTE_KEYS = Set.of("name", "type", "severity", "tenant", "key", "matchers",
            "destinations", "group_by", "group_wait", "group_interval", "repeat_interval", "continue");
    private static final Set<String> GROUPING_KEYS = Set.of("group_by", "group_wait", "group_interval", "repeat_interval");

    private RoutesFile() {
    }

    public static RouteTable read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read routes file " + file, e);
        }
    }

    public static RouteTable parse(String yaml) {
        return parse(new StringReader(yaml), "routes");
    }

    private static RouteTable parse(Reader reader, String origin) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(origin + " is not valid YAML: " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> root) || !(root.get("routes") instanceof List<?> routes)) {
            throw new IllegalArgumentException(origin + " needs a top-level 'routes' list");
        }
        GroupingPolicy defaults = grouping(mapAt(root, "defaults", origin), defaultPolicy(), origin + " defaults");
        List<Route> parsed = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            String where = origin + " route " + (i + 1);
            if (!(routes.get(i) instanceof Map<?, ?> route)) {
                throw new IllegalArgumentException(where + " is not a mapping");
            }
            parsed.add(route(route, defaults, where));
        }
        return new RouteTable(parsed);
    }

    /** Grouping when neither route nor defaults say: Alertmanager's defaults, grouped by type and dimension. */
    private static GroupingPolicy defaultPolicy() {
        return new GroupingPolicy(List.of("type", "dimension"), GroupingPolicy.DEFAULT_GROUP_WAIT,
                GroupingPolicy.DEFAULT_GROUP_INTERVAL, GroupingPolicy.DEFAULT_REPEAT_INTERVAL);
    }

    private static Route route(Map<?, ?> route, GroupingPolicy defaults, String where) {
        for (Object key : route.keySet()) {
            if (!ROUTE_KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(where + ": unknown setting '" + key + "' (known: " + ROUTE_KEYS + ")");
            }
        }
        String name = route.get("name") == null ? where.substring(where.lastIndexOf(' ') + 1) : String.valueOf(route.get("name"));
        List<Matcher> matchers = new ArrayList<>();
        oneOf(route, "type", where).ifPresent(values -> matchers.add(new Matcher("type", Matcher.Operator.REGEX, values)));
        oneOf(route, "severity", where).ifPresent(values -> matchers.add(new Matcher("severity", Matcher.Operator.REGEX, values)));
        oneOf(route, "tenant", where).ifPresent(values -> matchers.add(new Matcher("tenant", Matcher.Operator.REGEX, values)));
        if (route.get("key") != null) {
            matchers.add(new Matcher("dimensionKey", Matcher.Operator.REGEX, String.valueOf(route.get("key"))));
        }
        for (String matcher : strings(route.get("matchers"), where + " matchers")) {
            matchers.add(Matcher.parse(matcher));
        }
        List<String> destinations = strings(route.get("destinations"), where + " destinations");
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException(where + " ('" + name + "') needs at least one destination");
        }
        boolean continueMatching = Boolean.TRUE.equals(route.get("continue"));
        return new Route(name, matchers, destinations, grouping(route, defaults, where), continueMatching);
    }

    /** A value or list of literal values as one anchored alternation regex. */
    private static Optional<String> oneOf(Map<?, ?> route, String key, String where) {
        if (route.get(key) == null) {
            return Optional.empty();
        }
        // Severity labels are lower case (critical, error, warning, info), whatever case the file uses.
        List<String> values = strings(route.get(key), where + " " + key).stream()
                .map(value -> key.equals("severity") ? value.toLowerCase(Locale.ROOT) : value).toList();
        return Optional.of(values.stream().map(Pattern::quote).collect(Collectors.joining("|")));
    }

    private static GroupingPolicy grouping(Map<?, ?> settings, GroupingPolicy fallback, String where) {
        if (settings == null || settings.keySet().stream().noneMatch(GROUPING_KEYS::contains)) {
            return fallback;
        }
        try {
            return new GroupingPolicy(
                    settings.get("group_by") == null ? fallback.groupBy() : strings(settings.get("group_by"), where + " group_by"),
                    duration(settings.get("group_wait"), fallback.groupWait()),
                    duration(settings.get("group_interval"), fallback.groupInterval()),
                    duration(settings.get("repeat_interval"), fallback.repeatInterval()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    private static Duration duration(Object value, Duration fallback) {
        return value == null ? fallback : Durations.parse(String.valueOf(value));
    }

    private static Map<?, ?> mapAt(Map<?, ?> root, String key, String origin) {
        Object value = root.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(origin + ": '" + key + "' must be a mapping");
        }
        return map;
    }

    private static List<String> strings(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (value instanceof Map<?, ?>) {
            throw new IllegalArgumentException(where + " must be a value or a list of values");
        }
        return List.of(String.valueOf(value));
    }
}
