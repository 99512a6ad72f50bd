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
import java.util.List;
import java.util.Map;

/**
 * {@code ./llmwatch silences add|list|expire}: manage the sink's silences through its REST API. A
 * silence set on one sink instance applies on all of them (they share it through Kafka).
 */
@Command(name = "silences", mixinStandardHelpOptions = true,
        description = "Mute alerts by matcher until an expiry, through a running sink's API.")
public final class SilencesCommand {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERROR_ANSWER = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--sink-url", defaultValue = "http://127.0.0.1:9095", scope = ScopeType.INHERIT,
            description = "Base URL of a running sink's API (default: ${DEFAULT-VALUE}).")
    String sinkUrl;

    @Option(names = "--token", defaultValue = "${env:LLMWATCH_API_TOKEN}", scope = ScopeType.INHERIT,
            description = "Bearer token for a sink started with --api-tokens: admin to add or expire, admin or analyst "
                    + "to list (default: $LLMWATCH_API_TOKEN).")
    String token;

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a silence; prints it with its id.")
    int add(@Option(names = {"-m", "--matcher"}, required = true, paramLabel = "MATCHER",
                    description = "name=value, name!=value, name=~regex or name!~regex on type, severity, status, tenant, "
                            + "dimension, dimensionKey, dedupKey or an attribute; repeatable, all must match.") List<String> matchers,
            @Option(names = "--duration", defaultValue = "2h", description = "How long, e.g. 30m, 2h, 1d (default: ${DEFAULT-VALUE}).") String duration,
            @Option(names = "--created-by", defaultValue = "${sys:user.name}", description = "Who (default: your user name).") String createdBy,
            @Option(names = "--comment", defaultValue = "", description = "Why.") String comment) {
        Map<String, Object> silence = new LinkedHashMap<>();
        silence.put("matchers", matchers);
        silence.put("duration", duration);
        silence.put("createdBy", createdBy);
        silence.put("comment", comment);
        try {
            return send(HttpRequest.newBuilder(uri("/api/silences")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(silence))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every silence with its status (active, pending, expired).")
    int list() {
        return send(HttpRequest.newBuilder(uri("/api/silences")).GET());
    }

    @Command(name = "expire", mixinStandardHelpOptions = true, description = "End a silence now.")
    int expire(@Parameters(paramLabel = "ID", description = "The silence id.") String id) {
        return send(HttpRequest.newBuilder(uri("/api/silences/" + URLEncoder.encode(id, StandardCharsets.UTF_8))).DELETE());
    }

    private URI uri(String path) {
        String base = sinkUrl.endsWith("/") ? sinkUrl.substring(0, sinkUrl.length() - 1) : sinkUrl;
        return URI.create(base + path);
    }

    private int send(HttpRequest.Builder request) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
                    .send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            String body = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(response.body()));
            if (response.statusCode() >= 400) {
                err.println(body);
                err.flush();
                return ERROR_ANSWER;
            }
            out.println(body);
            out.flush();
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the sink API at " + sinkUrl + " (is the sink running with --sink-api-port?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ERROR_ANSWER;
        }
    }
}
