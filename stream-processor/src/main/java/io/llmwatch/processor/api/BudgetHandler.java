package io.llmwatch.processor.api;

import io.llmwatch.processor.detection.DetectionQueries;
import io.llmwatch.processor.detection.DetectionTopology;

import java.time.Clock;

/**
 * {@code GET /api/budgets/{key}} with a key such as {@code tenant|acme}: the caps, what the current hour and day
 * have spent and what remains, and whether a cap is reached; 404 for a key without a budget. The instance owning the
 * key's spend answers. The agent's BudgetGuard polls this to fall back to a cheaper model in time.
 */
final class BudgetHandler implements ApiHandler {

    private final ClusterQueries cluster;
    private final DetectionQueries detection;
    private final Clock clock;

    BudgetHandler(ClusterQueries cluster, DetectionQueries detection, Clock clock) {
        this.cluster = cluster;
        this.detection = detection;
        this.clock = clock;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        String key = request.pathVariable("key");
        if (key.indexOf('|') < 0) {
            return ApiResponse.error(400, "a budget key is dimension|value, e.g. tenant|acme; got '" + key + "'");
        }
        return cluster.byKey(DetectionTopology.BUDGET_SPEND_STORE, DetectionQueries.budgetKey(key), request,
                partition -> detection.budget(key, partition, clock.millis())
                        .map(ApiResponse::ok)
                        .orElseGet(() -> ApiResponse.error(404, "no budget for " + key)));
    }
}
