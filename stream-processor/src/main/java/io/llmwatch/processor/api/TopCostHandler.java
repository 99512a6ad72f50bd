package io.llmwatch.processor.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.llmwatch.processor.cost.Dimension;
import io.llmwatch.processor.query.CostRow;
import io.llmwatch.processor.query.LocalStateQueries;
import io.llmwatch.processor.query.TopCostQuery;
import io.llmwatch.processor.topology.TopologySettings;
import io.llmwatch.processor.topology.WindowSpec;

import java.time.Clock;
import java.util.List;

/**
 * {@code GET /api/cost/top?by=DIMENSION&window=1m|1h|1d[&n=10][&at=ISO]}: the n most expensive values
 * of the dimension in the window containing {@code at} (default now), most expensive first. Every
 * instance sends its own top n; a key lives on one instance only, so the top n of their union is the
 * cluster's top n, exactly.
 */
final class TopCostHandler implements ApiHandler {

    private static final int DEFAULT_N = 10;
    private static final int MAX_N = 1_000;
    private static final TypeReference<List<CostRow>> ROWS = new TypeReference<>() { };

    private final ClusterQueries cluster;
    private final LocalStateQueries queries;
    private final TopologySettings settings;
    private final Clock clock;

    TopCostHandler(ClusterQueries cluster, LocalStateQueries queries, TopologySettings settings, Clock clock) {
        this.cluster = cluster;
        this.queries = queries;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Dimension dimension = request.dimension();
        WindowSpec window = settings.window(request.required("window"));
        TopCostQuery query = new TopCostQuery(dimension, window, request.instant("at", clock.instant()),
                request.count("n", DEFAULT_N, MAX_N));

        List<CostRow> rows = cluster.fromAll(window.storeName(), request, () -> queries.top(query), ROWS);
        return ApiResponse.ok(rows.stream().sorted(LocalStateQueries.MOST_EXPENSIVE).limit(query.n()).toList());
    }
}
