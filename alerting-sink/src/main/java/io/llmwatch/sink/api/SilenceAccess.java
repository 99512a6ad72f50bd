package io.llmwatch.sink.api;

import io.llmwatch.schemas.auth.ApiAuthentication;
import io.llmwatch.schemas.auth.Caller;

import java.util.Optional;

/**
 * Who may use the silences API. A silence decides who gets paged for every tenant, so silences are
 * operational and cross-tenant: with tokens, an {@code admin} token may create and expire them, an
 * {@code admin} or {@code analyst} token may list them, and any other token (a {@code tenant} token, a
 * processor's peer credential) is refused with 403; a request without a valid token gets 401. Without
 * tokens everyone may do everything, which is why the API then binds to loopback only.
 */
public final class SilenceAccess {

    /** Why a request is refused, as the HTTP status and message it answers with. */
    public record Refusal(int status, String message) {
    }

    static final Refusal UNAUTHORIZED = new Refusal(401, "a valid bearer token is needed (Authorization: Bearer TOKEN)");
    static final Refusal READ_FORBIDDEN = new Refusal(403, "silences are cross-tenant: only admin and analyst tokens list them");
    static final Refusal CHANGE_FORBIDDEN = new Refusal(403, "only an admin token creates or expires silences");

    private final ApiAuthentication authentication;

    private SilenceAccess(ApiAuthentication authentication) {
        this.authentication = authentication;
    }

    public static SilenceAccess of(ApiAuthentication authentication) {
        return new SilenceAccess(authentication);
    }

    /**
     * @param authorization   the request's {@code Authorization} header, or {@code null}
     * @param changesSilences whether the request creates or expires a silence rather than reading
     * @return why the request is refused; empty when it may go ahead
     */
    public Optional<Refusal> refusal(String authorization, boolean changesSilences) {
        Caller caller = authentication.authenticate(authorization);
        return switch (caller.role()) {
            case ADMIN -> Optional.empty();
            case ANALYST -> changesSilences ? Optional.of(CHANGE_FORBIDDEN) : Optional.empty();
            case TENANT, PEER -> Optional.of(changesSilences ? CHANGE_FORBIDDEN : READ_FORBIDDEN);
            case ANONYMOUS -> Optional.of(UNAUTHORIZED);
        };
    }
}
