package io.llmwatch.processor.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.llmwatch.processor.cost.Dimension;
import io.llmwatch.processor.query.CostQuery;
import io.llmwatch.processor.query.CostRow;
import io.llmwatch.processor.query.LocalStateQueries;
import io.llmwatch.processor.topology.TopologySettings;
import io.llmwatch.processor.topology.WindowSpec;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/cost?by=DIMENSION&window=1m|1h|1d[&from=ISO&to=ISO]}: one row per
 * key and window whose start lies in [from, to]. Without {@code from} the range starts 60 windows
 * before {@code to}; without {@code to} it ends now. Each dimension value's aggregates live on one
 * partition, so the instances' rows are disjoint and merging them is a union, then the sort.
 */
final class CostHandler implements ApiHandler {

    private static final TypeReference<List<CostRow>> ROWS = new TypeReference<>() { };

    private final ClusterQueries cluster;
    private final LocalStateQueries queries;
    private final TopologySettings settings;
    private final Clock clock;

    CostHandler(ClusterQueries cluster, LocalStateQueries queries, TopologySettings settings, Clock clock) {
        this.cluster = cluster;
        this.queries = queries;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Dimension dimension = request.dimension();
        WindowSpec window = settings.window(request.required("window"));
        WindowRange range = WindowRange.of(request, window, clock);
        CostQuery query = new CostQuery(dimension, window, range.from(), range.to());

        List<CostRow> rows = new ArrayList<>(cluster.fromAll(window.storeName(), request, () -> queries.cost(query), ROWS));
        rows.sort(LocalStateQueries.NEWEST_THEN_MOST_EXPENSIVE);
        return ApiResponse.ok(rows);
    }
}
