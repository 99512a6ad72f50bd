package io.llmwatch.processor.api;

import io.llmwatch.processor.prompt.PromptVersionAnalytics;
import io.llmwatch.processor.prompt.PromptVersionQueries;
import io.llmwatch.processor.prompt.PromptVersionRow;

import java.util.List;

/**
 * {@code GET /api/prompts/{name}/versions}: per version of the prompt, calls, latency, tokens, cost,
 * quality and quality per dollar; 404 for a prompt never used. All versions of a prompt are kept on
 * the partition of its name, so the instance owning the name answers.
 */
final class PromptVersionsHandler implements ApiHandler {

    private final ClusterQueries cluster;
    private final PromptVersionQueries prompts;

    PromptVersionsHandler(ClusterQueries cluster, PromptVersionQueries prompts) {
        this.cluster = cluster;
        this.prompts = prompts;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        String name = request.pathVariable("name");
        return cluster.byKey(PromptVersionAnalytics.STORE, name, request, partition -> {
            List<PromptVersionRow> versions = prompts.versions(name, partition);
            return versions.isEmpty() ? ApiResponse.error(404, "no calls of prompt " + name) : ApiResponse.ok(versions);
        });
    }
}
