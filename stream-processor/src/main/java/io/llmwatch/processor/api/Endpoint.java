package io.llmwatch.processor.api;

/** Every endpoint of the query API. Each one is documented in {@code openapi.json}; a test holds us to it. */
public enum Endpoint {
    HEALTH("/api/health"),
    COST("/api/cost"),
    COST_TOP("/api/cost/top"),
    ALERTS("/api/alerts"),
    TRACES("/api/traces"),
    TRACE("/api/traces/{traceId}"),
    PROMPT_VERSIONS("/api/prompts/{name}/versions"),
    PROMPT_DRIFT("/api/prompts/{name}/drift"),
    PROMPT_QUALITY("/api/prompts/{name}/quality"),
    BUDGETS("/api/budgets"),
    BUDGET("/api/budgets/{key}"),
    OPENAPI("/api/openapi"),
    OVERVIEW("/api/overview");

    private final PathTemplate path;

    Endpoint(String path) {
        this.path = new PathTemplate(path);
    }

    public PathTemplate path() {
        return path;
    }
}
