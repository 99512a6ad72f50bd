package io.llmwatch.processor.api;

/** Answers one request to an endpoint. Plain input and output, so handlers are tested without HTTP. */
@FunctionalInterface
public interface ApiHandler {

    /** @throws IllegalArgumentException when a parameter is missing or malformed, saying which */
    ApiResponse handle(ApiRequest request);
}
