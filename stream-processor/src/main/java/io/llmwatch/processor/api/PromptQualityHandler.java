package io.llmwatch.processor.api;

import io.llmwatch.processor.prompt.PromptVersionAnalytics;
import io.llmwatch.processor.prompt.PromptVersionQueries;
import io.llmwatch.processor.topology.TopologySettings;
import io.llmwatch.processor.topology.WindowSpec;

import java.time.Clock;

/**
 * {@code GET /api/prompts/{name}/quality?window=1m|1h|1d[&from=ISO&to=ISO]}: each version's mean quality
 * in the windows whose start lies in [from, to] (the defaults of {@code /api/overview}); 404 for a prompt
 * never used. A prompt's versions and their quality are kept on the partition of its name, so the
 * instance owning the name answers.
 */
final class PromptQualityHandler implements ApiHandler {

    private final ClusterQueries cluster;
    private final PromptVersionQueries prompts;
    private final TopologySettings settings;
    private final Clock clock;

    PromptQualityHandler(ClusterQueries cluster, PromptVersionQueries prompts, TopologySettings settings, Clock clock) {
        this.cluster = cluster;
        this.prompts = prompts;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        String name = request.pathVariable("name");
        WindowSpec window = settings.window(request.parameter("window").orElse("1m"));
        WindowRange range = WindowRange.of(request, window, clock);
        return cluster.byKey(PromptVersionAnalytics.STORE, name, request,
                partition -> prompts.quality(name, window, range.from(), range.to(), partition)
                        .map(ApiResponse::ok)
                        .orElseGet(() -> ApiResponse.error(404, "no calls of prompt " + name)));
    }
}
