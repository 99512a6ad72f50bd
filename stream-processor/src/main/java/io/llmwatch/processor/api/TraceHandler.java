package io.llmwatch.processor.api;

import io.llmwatch.processor.trace.TraceQueries;
import io.llmwatch.processor.trace.TraceStores;

/**
 * {@code GET /api/traces/{traceId}}: the trace as a tree of its spans, with its totals; 404 when no
 * span of it was seen (or it is past retention). Answered by the instance owning the trace id.
 */
final class TraceHandler implements ApiHandler {

    private final ClusterQueries cluster;
    private final TraceQueries traces;

    TraceHandler(ClusterQueries cluster, TraceQueries traces) {
        this.cluster = cluster;
        this.traces = traces;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        String traceId = request.pathVariable("traceId");
        return cluster.byKey(TraceStores.TRACES, traceId, request, partition -> traces.trace(traceId, partition)
                .map(ApiResponse::ok)
                .orElseGet(() -> ApiResponse.error(404, "no trace " + traceId)));
    }
}
