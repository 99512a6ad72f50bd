package io.llmwatch.processor.api;

import io.llmwatch.processor.query.LocalStateQueries;
import io.llmwatch.schemas.json.AlertJson;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;

/** {@code GET /api/alerts?limit=N}: the latest alerts, newest first (default 50, at most 1000). */
final class AlertsHandler extends StateQueryHandler {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1_000;

    private final LocalStateQueries queries;

    AlertsHandler(KafkaStreams streams, LocalStateQueries queries) {
        super(streams);
        this.queries = queries;
    }

    @Override
    protected Object query(Map<String, String> parameters) {
        return queries.recentAlerts(limit(parameters.get("limit"))).stream().map(AlertJson::toMap).toList();
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number, got '" + value + "'");
        }
    }
}
