package io.llmwatch.processor.api;

import io.llmwatch.processor.detection.DetectionQueries;

/** {@code GET /api/budgets}: every budget in force, configured or published; every instance holds them all. */
final class BudgetsHandler implements ApiHandler {

    private final DetectionQueries detection;

    BudgetsHandler(DetectionQueries detection) {
        this.detection = detection;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        return ApiResponse.ok(detection.budgets());
    }
}
