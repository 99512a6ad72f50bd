package io.llmwatch.processor.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.llmwatch.processor.trace.TraceQueries;
import io.llmwatch.processor.trace.TraceStores;
import io.llmwatch.processor.trace.TraceSummary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/traces?user=U[&from=ISO&to=ISO&limit=N]}: the user's traces that started within
 * [from, to], newest first (default: the 24 hours before now, 100 traces, at most 1000). A user's
 * traces are spread over every partition, so every instance is asked for its newest N.
 */
final class TraceSearchHandler implements ApiHandler {

    private static final Duration DEFAULT_PERIOD = Duration.ofHours(24);
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1_000;
    private static final TypeReference<List<TraceSummary>> SUMMARIES = new TypeReference<>() { };

    private final ClusterQueries cluster;
    private final TraceQueries traces;
    private final Clock clock;

    TraceSearchHandler(ClusterQueries cluster, TraceQueries traces, Clock clock) {
        this.cluster = cluster;
        this.traces = traces;
        this.clock = clock;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        String user = request.required("user");
        Instant to = request.instant("to", clock.instant());
        Instant from = request.instant("from", to.minus(DEFAULT_PERIOD));
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        int limit = request.limit(DEFAULT_LIMIT, MAX_LIMIT);
        List<TraceSummary> found = cluster.fromAll(TraceStores.TRACES_BY_USER, request,
                () -> traces.tracesOf(user, from, to, limit), SUMMARIES);
        return ApiResponse.ok(found.stream().sorted(TraceSummary.NEWEST_FIRST).limit(limit).toList());
    }
}
