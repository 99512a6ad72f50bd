package io.llmwatch.processor.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /api/openapi}: the OpenAPI 3 description of this API, the checked-in {@code openapi.json}. */
final class OpenApiHandler implements ApiHandler {

    static final String DOCUMENT = "openapi.json";

    private final String document = read();

    @Override
    public ApiResponse handle(ApiRequest request) {
        return ApiResponse.raw(200, document, null);
    }

    static String read() {
        try (InputStream json = OpenApiHandler.class.getResourceAsStream(DOCUMENT)) {
            if (json == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the classpath");
            }
            return new String(json.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOCUMENT, e);
        }
    }
}
