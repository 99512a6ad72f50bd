package io.llmwatch.processor.api;

import io.llmwatch.processor.cost.Dimension;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiRequestTest {

    private static ApiRequest request(String pathAndQuery) {
        return ApiRequest.of(URI.create("http://localhost:8080" + pathAndQuery), Map.of());
    }

    @Test
    void readsTheFirstValueOfEachParameterDecoded() {
        ApiRequest request = request("/api/traces?user=u%2042&user=other&from=2026-11-26T14:00:00Z");

        assertThat(request.required("user")).isEqualTo("u 42");
        assertThat(request.instant("from", Instant.EPOCH)).isEqualTo(Instant.parse("2026-11-26T14:00:00Z"));
        assertThat(request.instant("to", Instant.EPOCH)).isEqualTo(Instant.EPOCH);
    }

    @Test
    void readsTheDimensionCostIsAttributedToAndNamesTheKnownOnesOtherwise() {
        assertThat(request("/api/cost?by=feature").dimension()).isEqualTo(Dimension.FEATURE);
        assertThatIllegalArgumentException().isThrownBy(() -> request("/api/cost?by=planet").dimension())
                .withMessageStartingWith("unknown dimension by=planet; use one of ")
                .withMessageContaining("feature");
        assertThatIllegalArgumentException().isThrownBy(() -> request("/api/cost").dimension())
                .withMessage("missing query parameter 'by'");
    }

    @Test
    void saysWhichParameterIsMissingOrMalformed() {
        assertThatIllegalArgumentException().isThrownBy(() -> request("/api/traces?user=").required("user"))
                .withMessage("missing query parameter 'user'");
        assertThatIllegalArgumentException().isThrownBy(() -> request("/api/traces?from=yesterday").instant("from", Instant.EPOCH))
                .withMessageContaining("from must be an ISO-8601 instant");
        assertThatIllegalArgumentException().isThrownBy(() -> request("/api/alerts?limit=0").limit(50, 1_000))
                .withMessage("limit must be between 1 and 1000, got 0");
        assertThatIllegalArgumentException().isThrownBy(() -> request("/api/alerts?limit=ten").limit(50, 1_000))
                .withMessage("limit must be a whole number, got 'ten'");
        assertThatIllegalArgumentException().isThrownBy(() -> request("/api/cost?scope=planet").localScope())
                .withMessageContaining("scope must be 'local' or 'cluster'");
    }

    @Test
    void asksPeersForTheirLocalShareWithTheSameParameters() {
        assertThat(request("/api/cost?by=model&window=1m").forPeer()).isEqualTo("/api/cost?by=model&window=1m&scope=local");
        assertThat(request("/api/cost?scope=cluster&by=model").forPeer()).isEqualTo("/api/cost?by=model&scope=local");
        assertThat(request("/api/traces/abc").forPeer()).isEqualTo("/api/traces/abc?scope=local");
        assertThat(request("/api/prompts/a%2Fb/versions?x=%26").forPeer()).isEqualTo("/api/prompts/a%2Fb/versions?x=%26&scope=local");
    }

    @Test
    void answersForTheWholeClusterUnlessToldLocal() {
        assertThat(request("/api/cost").localScope()).isFalse();
        assertThat(request("/api/cost?scope=cluster").localScope()).isFalse();
        assertThat(request("/api/cost?scope=local").localScope()).isTrue();
    }
}
