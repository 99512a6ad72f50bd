package io.llmwatch.processor.api;

import io.llmwatch.processor.detection.DetectionQueries;
import io.llmwatch.processor.detection.DetectionTopology;

/**
 * {@code GET /api/prompts/{name}/drift}: which indicators of the prompt moved, between its current and previous
 * version and within its current version over time; 404 for a prompt the drift detector never saw. The instance
 * owning the prompt's detector key answers.
 */
final class PromptDriftHandler implements ApiHandler {

    private final ClusterQueries cluster;
    private final DetectionQueries detection;

    PromptDriftHandler(ClusterQueries cluster, DetectionQueries detection) {
        this.cluster = cluster;
        this.detection = detection;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        String name = request.pathVariable("name");
        return cluster.byKey(DetectionTopology.DRIFT_STORE, DetectionQueries.driftKey(name), request,
                partition -> detection.drift(name, partition)
                        .map(ApiResponse::ok)
                        .orElseGet(() -> ApiResponse.error(404, "no calls of prompt " + name)));
    }
}
