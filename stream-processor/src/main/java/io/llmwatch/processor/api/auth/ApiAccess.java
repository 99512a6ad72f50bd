package io.llmwatch.processor.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.llmwatch.processor.api.ApiRequest;
import io.llmwatch.processor.api.ApiResponse;
import io.llmwatch.processor.api.Endpoint;
import io.llmwatch.processor.serde.JsonSerde;
import io.llmwatch.schemas.auth.ApiAuthentication;
import io.llmwatch.schemas.auth.ApiRole;
import io.llmwatch.schemas.auth.ApiTokens;
import io.llmwatch.schemas.auth.Caller;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who may ask the query API what. Without tokens the API is open (and served on loopback only, unless the
 * operator says {@code --insecure}); with tokens every request needs a valid bearer token, and a
 * {@link ApiRole#TENANT} token reads only its own tenant's rows (only {@code /api/health} answers without a
 * token, for probes; it tells the Streams state and nothing else):
 * <ul>
 *   <li>{@code /api/cost} and {@code /api/cost/top} with {@code by=tenant}, its own row only;</li>
 *   <li>{@code /api/alerts}, the alerts about its tenant only;</li>
 *   <li>{@code /api/health} and {@code /api/openapi};</li>
 *   <li>nothing else: traces, prompts, budgets and the overview are not kept per tenant, so they answer 403.</li>
 * </ul>
 * Rows are filtered on the instance the caller asked, after the cluster-wide merge, so a forwarded request
 * (made with the instance credential) never needs to carry the caller's identity.
 */
public final class ApiAccess {

    /** The answer without a valid token; the server adds {@code WWW-Authenticate} to every 401. */
    public static final ApiResponse UNAUTHORIZED =
            ApiResponse.error(401, "a valid bearer token is needed (Authorization: Bearer TOKEN)");

    private final ApiAuthentication authentication;

    private ApiAccess(ApiAuthentication authentication) {
        this.authentication = authentication;
    }

    public static ApiAccess open() {
        return of(ApiAuthentication.open());
    }

    public static ApiAccess with(ApiTokens tokens) {
        return of(ApiAuthentication.with(tokens));
    }

    public static ApiAccess of(ApiAuthentication authentication) {
        return new ApiAccess(authentication);
    }

    /** The tokens this API accepts, which the sink's silences API of the same run accepts too. */
    public ApiAuthentication authentication() {
        return authentication;
    }

    public boolean requiresTokens() {
        return authentication.requiresTokens();
    }

    /** The caller an {@code Authorization} header identifies: {@link Caller#ANONYMOUS} without a valid token. */
    public Caller authenticate(String authorization) {
        return authentication.authenticate(authorization);
    }

    /** The {@code Authorization} header this instance sends when it asks another one. */
    public Optional<String> peerAuthorization() {
        return authentication.peerAuthorization();
    }

    /** Whether {@code caller} may read what is served beside the JSON API, such as {@code /metrics}. */
    public boolean mayReadOperations(Caller caller) {
        return caller.role() == ApiRole.ADMIN || caller.role() == ApiRole.ANALYST;
    }

    /** The answer {@code caller} gets: the handler's, only the caller's rows of it, or 403. */
    public ApiResponse answer(Caller caller, Endpoint endpoint, ApiRequest request, Supplier<ApiResponse> handler) {
        return switch (caller.role()) {
            case ADMIN, ANALYST -> handler.get();
            case PEER -> request.localScope() ? handler.get()
                    : ApiResponse.error(403, "the instance credential only reads one instance's share (scope=local)");
            case TENANT -> forTenant(caller.tenant(), endpoint, request, handler);
            case ANONYMOUS -> endpoint == Endpoint.HEALTH ? handler.get() : UNAUTHORIZED;
        };
    }

    private static ApiResponse forTenant(String tenant, Endpoint endpoint, ApiRequest request, Supplier<ApiResponse> handler) {
        return switch (endpoint) {
            case HEALTH, OPENAPI -> handler.get();
            case COST, COST_TOP -> request.parameter("by").filter("tenant"::equals).isPresent()
                    ? onlyRows(handler.get(), "key", tenant)
                    : ApiResponse.error(403, "a tenant token reads cost by=tenant only");
            case ALERTS -> onlyRows(handler.get(), "tenant", tenant);
            default -> ApiResponse.error(403, "a tenant token cannot read " + endpoint.path().template());
        };
    }

    /** The rows of a successful list answer whose {@code field} is the tenant; any other answer carries no rows. */
    private static ApiResponse onlyRows(ApiResponse response, String field, String tenant) {
        if (response.status() != 200) {
            return response;
        }
        JsonNode rows;
        try {
            rows = JsonSerde.MAPPER.readTree(response.json());
        } catch (IOException e) {
            return ApiResponse.error(500, "internal error: unreadable answer");
        }
        if (!rows.isArray()) {
            return ApiResponse.error(403, "not available to a tenant token");
        }
        ArrayNode own = JsonSerde.MAPPER.createArrayNode();
        rows.forEach(row -> {
            if (tenant.equals(row.path(field).asText(null))) {
                own.add(row);
            }
        });
        return ApiResponse.raw(200, own.toString(), null);
    }
}
