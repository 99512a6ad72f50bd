package io.llmwatch.processor.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.llmwatch.processor.query.LocalStateQueries;
import io.llmwatch.processor.topology.LlmWatchTopology;
import io.llmwatch.schemas.json.AlertJson;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/alerts?limit=N&status=&type=&key=}: the latest alerts, newest first (default 50, at most 1000),
 * optionally only those of one status, type or key (see {@link AlertFilter}). Each instance sends its newest N that
 * pass the filter; the newest N of their union are the cluster's newest N.
 */
final class AlertsHandler implements ApiHandler {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1_000;
    private static final TypeReference<List<Map<String, Object>>> ALERTS = new TypeReference<>() { };

    /** The order each instance's store already keeps: newest first, ties by alert id. */
    private static final Comparator<Map<String, Object>> NEWEST_FIRST = Comparator
            .comparingLong((Map<String, Object> alert) -> ((Number) alert.get("detectedAtMillis")).longValue()).reversed()
            .thenComparing(alert -> (String) alert.get("alertId"));

    private final ClusterQueries cluster;
    private final LocalStateQueries queries;

    AlertsHandler(ClusterQueries cluster, LocalStateQueries queries) {
        this.cluster = cluster;
        this.queries = queries;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        int limit = request.limit(DEFAULT_LIMIT, MAX_LIMIT);
        AlertFilter filter = AlertFilter.of(request);
        List<Map<String, Object>> alerts = cluster.fromAll(LlmWatchTopology.RECENT_ALERTS_STORE, request,
                () -> queries.recentAlerts(limit, filter).stream().map(AlertJson::toMap).toList(), ALERTS);
        return ApiResponse.ok(alerts.stream().sorted(NEWEST_FIRST).limit(limit).toList());
    }
}
