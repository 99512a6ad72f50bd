package io.llmwatch.processor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.processor.api.auth.ApiAccess;
import io.llmwatch.schemas.auth.ApiTokens;
import io.llmwatch.processor.serde.JsonSerde;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query API's authentication and tenant scoping on a real HTTP server, with handlers that would
 * answer every endpoint with rows of two tenants: a tenant token must never receive the other's.
 */
class ApiServerAuthTest {

    private static final String ADMIN = "admin-token-0123456789";
    private static final String ANALYST = "analyst-token-0123456789";
    private static final String ACME = "acme-token-0123456789";
    private static final ApiTokens TOKENS = ApiTokens.parse("""
            [{"token": "%s", "role": "admin"}, {"token": "%s", "role": "analyst"},
             {"token": "%s", "role": "tenant", "tenant": "acme"}]""".formatted(ADMIN, ANALYST, ACME), "test");
    /** What every handler answers: one row per tenant, shaped like cost rows and alerts at once. */
    private static final List<Map<String, String>> BOTH_TENANTS = List.of(
            Map.of("key", "acme", "tenant", "acme", "dimensionKey", "acme"),
            Map.of("key", "globex", "tenant", "globex", "dimensionKey", "globex"));

    private final HttpClient http = HttpClient.newHttpClient();
    private final ApiAccess access = ApiAccess.with(TOKENS);
    private ApiServer server;

    @BeforeEach
    void start() throws Exception {
        server = ApiServer.bind(new InetSocketAddress("127.0.0.1", 0), access);
        server.mount("/metrics", exchange -> {
            byte[] body = "llmwatch_cost_usd{tenant=\"globex\"} 1".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        Map<Endpoint, ApiHandler> routes = new EnumMap<>(Endpoint.class);
        for (Endpoint endpoint : Endpoint.values()) {
            // Health and the OpenAPI document hold no tenant's data; every other handler answers both tenants.
            boolean tenantless = endpoint == Endpoint.HEALTH || endpoint == Endpoint.OPENAPI;
            routes.put(endpoint, request -> ApiResponse.ok(tenantless ? Map.of("status", "RUNNING") : BOTH_TENANTS));
        }
        server.serve(routes);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String concrete(Endpoint endpoint) {
        return endpoint.path().template().replace("{traceId}", "4bf92f3577b34da6a3ce929d0e0e4736")
                .replace("{name}", "support-answer").replace("{key}", "tenant%7Cglobex");
    }

    @Test
    void aTenantTokenNeverReceivesAnotherTenantsRowsFromAnyEndpoint() throws Exception {
        for (Endpoint endpoint : Endpoint.values()) {
            for (String query : List.of("", "?by=tenant", "?by=model", "?by=tenant&scope=local", "?tenant=globex")) {
                HttpResponse<String> response = get(concrete(endpoint) + query, ACME);
                assertThat(response.statusCode()).as(endpoint + query).isIn(200, 403);
                assertThat(response.body()).as(endpoint + query).doesNotContain("globex");
            }
        }
        JsonNode alerts = JsonSerde.MAPPER.readTree(get("/api/alerts", ACME).body());
        assertThat(alerts.findValuesAsText("tenant")).containsExactly("acme");
        JsonNode cost = JsonSerde.MAPPER.readTree(get("/api/cost?by=tenant&window=1h", ACME).body());
        assertThat(cost.findValuesAsText("key")).containsExactly("acme");
        assertThat(get("/api/cost?by=model&window=1h", ACME).statusCode()).isEqualTo(403);
        assertThat(get("/api/traces?user=u-1", ACME).statusCode()).isEqualTo(403);
        assertThat(get("/api/prompts/support-answer/quality?window=1h", ACME).statusCode()).isEqualTo(403);
    }

    @Test
    void adminAndAnalystTokensReadEveryTenant() throws Exception {
        for (String token : List.of(ADMIN, ANALYST)) {
            assertThat(get("/api/cost?by=model", token).body()).contains("acme").contains("globex");
            assertThat(get("/metrics", token).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutAValidTokenOnlyHealthAnswers() throws Exception {
        for (Endpoint endpoint : Endpoint.values()) {
            for (String token : new String[] {null, "not-a-token-0123456789", ACME.toUpperCase()}) {
                HttpResponse<String> response = get(concrete(endpoint), token);
                if (endpoint == Endpoint.HEALTH) {
                    assertThat(response.statusCode()).isEqualTo(200);
                } else {
                    assertThat(response.statusCode()).as(endpoint.name()).isEqualTo(401);
                    assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"llmwatch\"");
                    assertThat(response.body()).doesNotContain("acme");
                }
            }
        }
        assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", ACME).statusCode()).isEqualTo(403);
    }

    @Test
    void instancesForwardWithTheirCredentialWhichOnlyReadsOneInstancesShare() throws Exception {
        PeerClient peers = new PeerClient(access.peerAuthorization());

        ApiResponse forwarded = peers.get(new HostInfo("127.0.0.1", server.port()), "/api/cost?by=model&scope=local").get();

        assertThat(forwarded.status()).isEqualTo(200);
        assertThat(forwarded.json()).contains("globex");
        assertThat(get("/api/cost?by=model", TOKENS.peerCredential()).statusCode()).isEqualTo(403);
        ApiResponse withoutCredential = new PeerClient().get(new HostInfo("127.0.0.1", server.port()), "/api/cost?scope=local").get();
        assertThat(withoutCredential.status()).isEqualTo(401);
    }

    @Test
    void withoutTokensTheApiIsOpen() throws Exception {
        try (ApiServer open = ApiServer.bind(new InetSocketAddress("127.0.0.1", 0))) {
            open.serve(Map.of(Endpoint.COST, request -> ApiResponse.ok(BOTH_TENANTS)));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + open.port() + "/api/cost")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("globex");
        }
    }
}
