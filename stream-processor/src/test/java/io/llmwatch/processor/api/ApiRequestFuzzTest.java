package io.llmwatch.processor.api;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Query parameters of the REST API as anyone may send them: parsing and every accessor handlers use
 * either answer or throw {@link IllegalArgumentException} (which the server turns into a 400 with the
 * message); nothing else escapes, and a request forwarded to a peer is still a parseable local request.
 */
class ApiRequestFuzzTest {

    private static final Instant FALLBACK = Instant.parse("2026-01-01T00:00:00Z");

    @Property(tries = 2_000)
    void everyQueryParsesOrIsABadRequest(@ForAll("queries") String rawQuery) {
        URI uri;
        try {
            uri = new URI("http://127.0.0.1:8080/api/cost?" + rawQuery);
        } catch (URISyntaxException e) {
            Assume.that(false);
            return;
        }
        ApiRequest request;
        try {
            request = ApiRequest.of(uri, Map.of());
        } catch (IllegalArgumentException badRequest) {
            assertThat(badRequest.getMessage()).isNotBlank();
            return;
        }
        answersOrRefuses(() -> request.instant("from", FALLBACK));
        answersOrRefuses(() -> request.limit(50, 1_000));
        answersOrRefuses(request::localScope);
        answersOrRefuses(() -> request.required("by"));
        ApiRequest forwarded = ApiRequest.of(URI.create("http://peer:8080" + request.forPeer()), Map.of());
        assertThat(forwarded.localScope()).isTrue();
        request.parameters().keySet().stream().filter(name -> !name.isBlank() && !name.equals(ApiRequest.SCOPE))
                .forEach(name -> assertThat(forwarded.parameter(name)).isEqualTo(request.parameter(name)));
    }

    private static void answersOrRefuses(Runnable accessor) {
        try {
            accessor.run();
        } catch (IllegalArgumentException badRequest) {
            assertThat(badRequest.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> token = Arbitraries.of("by", "window", "from", "to", "limit", "scope", "user", "tenant", "=", "&",
                "%", "%2", "%zz", "%00", "%E2%82%AC", "%ff", "+", "local", "cluster", "model", "1m", "-1", "0", "1000",
                "1001", "2147483648", "99999999999999999999", "2026-11-26T14:32:00Z", "+999999999-12-31T23:59:59Z",
                "-999999999-01-01T00:00:00Z", "NaN", "%26", "%3D", "scope%3Dlocal");
        return token.list().ofMaxSize(30).map(tokens -> String.join("", tokens));
    }

    @Example
    void tenThousandParametersAndAMegabyteValueAreParsedWithinBounds() {
        StringBuilder query = new StringBuilder("by=model&value=").append("v".repeat(1 << 20));
        for (int i = 0; i < 10_000; i++) {
            query.append("&p").append(i).append("=").append(i);
        }

        ApiRequest request = ApiRequest.of(URI.create("http://h/api/cost?" + query), Map.of());

        assertThat(request.parameters()).hasSize(10_002);
        assertThat(request.required("by")).isEqualTo("model");
    }

    @Example
    void overflowingAndFarAwayValuesAreBadRequestsNotCrashes() {
        ApiRequest request = ApiRequest.of(URI.create("http://h/api/alerts?limit=2147483648&from=%2B999999999-12-31T23:59:59Z"), Map.of());

        assertThatThrownBy(() -> request.limit(50, 1_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole number");
        assertThat(request.instant("from", FALLBACK)).isEqualTo(Instant.parse("+999999999-12-31T23:59:59Z"));
    }
}
