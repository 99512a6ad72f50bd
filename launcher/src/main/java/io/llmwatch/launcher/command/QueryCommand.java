package io.llmwatch.launcher.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code ./llmwatch query ...}: the query API from the command line. Any instance of a deployment
 * answers for all of them. The answer is printed as JSON, indented unless {@code --compact}; an error
 * answer goes to stderr and the exit code is 1.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Ask a running processor's query API (any instance answers for the whole cluster).")
public final class QueryCommand {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERROR_ANSWER = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", scope = ScopeType.INHERIT,
            description = "Base URL of any processor instance (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--token", defaultValue = "${env:LLMWATCH_API_TOKEN}", scope = ScopeType.INHERIT,
            description = "Bearer token for an API started with --api-tokens (default: $LLMWATCH_API_TOKEN).")
    String token;

    @Option(names = "--compact", scope = ScopeType.INHERIT,
            description = "Print the JSON on one line, as the API sent it.")
    boolean compact;

    @Command(name = "health", mixinStandardHelpOptions = true, description = "Whether the instance is RUNNING.")
    int health() {
        return get("/api/health", Map.of());
    }

    @Command(name = "cost", mixinStandardHelpOptions = true,
            description = "Cost, calls, tokens and latency per dimension value and window.")
    int cost(@Option(names = "--by", required = true, description = "Dimension, e.g. model, feature, user, tenant.") String by,
             @Option(names = "--window", defaultValue = "1h", description = "Window size (default: ${DEFAULT-VALUE}).") String window,
             @Option(names = "--from", description = "Earliest window start, ISO-8601.") String from,
             @Option(names = "--to", description = "Latest window start, ISO-8601.") String to) {
        return get("/api/cost", parameters("by", by, "window", window, "from", from, "to", to));
    }

    @Command(name = "top", mixinStandardHelpOptions = true,
            description = "Top-N: the most expensive values of a dimension in one window, e.g. the top spenders this hour.")
    int top(@Option(names = "--by", required = true, description = "Dimension, e.g. user, feature, model, tenant.") String by,
            @Option(names = "--window", defaultValue = "1h", description = "Window size (default: ${DEFAULT-VALUE}).") String window,
            @Option(names = "--n", description = "How many (API default 10).") Integer n,
            @Option(names = "--at", description = "Any instant in the window wanted, ISO-8601 (API default: now).") String at) {
        return get("/api/cost/top", parameters("by", by, "window", window, "n", n, "at", at));
    }

    @Command(name = "alerts", mixinStandardHelpOptions = true, description = "The latest alerts, newest first.")
    int alerts(@Option(names = "--limit", description = "How many (API default 50).") Integer limit) {
        return get("/api/alerts", parameters("limit", limit));
    }

    @Command(name = "trace", mixinStandardHelpOptions = true, description = "One trace as a tree of its spans.")
    int trace(@Parameters(paramLabel = "TRACE_ID", description = "The trace id.") String traceId) {
        return get("/api/traces/" + pathSegment(traceId), Map.of());
    }

    @Command(name = "traces", mixinStandardHelpOptions = true,
            description = "A user's traces that started in a period, newest first.")
    int traces(@Option(names = "--user", required = true, description = "The user.") String user,
               @Option(names = "--from", description = "Earliest trace start, ISO-8601 (API default: 24 h before --to).") String from,
               @Option(names = "--to", description = "Latest trace start, ISO-8601 (API default: now).") String to,
               @Option(names = "--limit", description = "How many (API default 100).") Integer limit) {
        return get("/api/traces", parameters("user", user, "from", from, "to", to, "limit", limit));
    }

    @Command(name = "prompts", mixinStandardHelpOptions = true,
            description = "Per version of a prompt: calls, latency, tokens, cost, quality, quality per dollar.")
    int prompts(@Parameters(paramLabel = "NAME", description = "The prompt template's name.") String name) {
        return get("/api/prompts/" + pathSegment(name) + "/versions", Map.of());
    }

    @Command(name = "quality", mixinStandardHelpOptions = true,
            description = "Quality over time: each version of a prompt's mean quality score per window.")
    int quality(@Parameters(paramLabel = "NAME", description = "The prompt template's name.") String name,
                @Option(names = "--window", defaultValue = "1h", description = "Window size (default: ${DEFAULT-VALUE}).") String window,
                @Option(names = "--from", description = "Earliest window start, ISO-8601.") String from,
                @Option(names = "--to", description = "Latest window start, ISO-8601.") String to) {
        return get("/api/prompts/" + pathSegment(name) + "/quality", parameters("window", window, "from", from, "to", to));
    }

    private int get(String path, Map<String, String> parameters) {
        String query = parameters.entrySet().stream()
                .map(parameter -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(url.replaceAll("/+$", "") + path + (query.isEmpty() ? "" : "?" + query));
        HttpResponse<String> response = send(uri, token);
        boolean answered = response.statusCode() / 100 == 2;
        PrintWriter out = answered ? spec.commandLine().getOut() : spec.commandLine().getErr();
        out.println(compact ? response.body() : indented(response.body()));
        out.flush();
        return answered ? 0 : ERROR_ANSWER;
    }

    private static HttpResponse<String> send(URI uri, String token) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET();
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        try {
            return http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + uri, e);
        }
    }

    /** A body that is not JSON (a proxy's error page, say) is printed as it came. */
    private static String indented(String body) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(body));
        } catch (JsonProcessingException notJson) {
            return body;
        }
    }

    /** Name/value pairs, leaving out the options not given. */
    private static Map<String, String> parameters(Object... namesAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                parameters.put((String) namesAndValues[i], namesAndValues[i + 1].toString());
            }
        }
        return parameters;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** In a path a space is %20; '+' would be taken literally. */
    private static String pathSegment(String value) {
        return encode(value).replace("+", "%20");
    }
}
