package io.llmwatch.processor.pricing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds small catalogues in genai-prices format, so each test shows exactly the prices it relies on. */
final class InlineCatalog {

    private InlineCatalog() {
    }

    static PriceCatalog of(String json) {
        try {
            return PriceCatalog.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A catalogue with one provider, {@code acme}, serving one model, {@code acme-1}, at {@code prices}. */
    static PriceCatalog withModelPrices(String prices) {
        return of("""
                [{"id": "acme", "name": "Acme", "api_pattern": "acme",
                  "models": [{"id": "acme-1", "match": {"equals": "acme-1"}, "prices": %s}]}]
                """.formatted(prices));
    }
}
