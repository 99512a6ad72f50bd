package io.llmwatch.sink.delivery;

import io.llmwatch.schemas.alert.AlertEvent;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Where a reader of a message can look further: the dashboard, opened on the alert, and the query
 * API's tree of each exemplar trace. All relative to the processor's public base URL.
 */
public record AlertLinks(URI baseUrl) {

    /** Where {@code ./llmwatch demo} and {@code up} serve the dashboard and query API. */
    public static final AlertLinks LOCAL = new AlertLinks(URI.create("http://localhost:8080"));

    public AlertLinks {
        Objects.requireNonNull(baseUrl, "baseUrl");
    }

    public String dashboard(AlertEvent alert) {
        return base() + "/?alert=" + URLEncoder.encode(alert.getDedupKey(), StandardCharsets.UTF_8);
    }

    public List<String> traces(AlertEvent alert) {
        return alert.getExemplarTraceIds().stream()
                .map(traceId -> base() + "/api/traces/" + URLEncoder.encode(traceId, StandardCharsets.UTF_8))
                .toList();
    }

    private String base() {
        String base = baseUrl.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
