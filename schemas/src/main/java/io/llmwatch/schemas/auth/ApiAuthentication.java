package io.llmwatch.schemas.auth;

import java.util.Optional;

/**
 * Who sent an HTTP request, from its {@code Authorization: Bearer TOKEN} header: the one piece the query API
 * and the sink's silences API share, so both accept the same tokens file in the same way. What each role
 * may then do is each API's own rule.
 */
public final class ApiAuthentication {

    private static final String BEARER = "Bearer ";

    private final Optional<ApiTokens> tokens;

    private ApiAuthentication(Optional<ApiTokens> tokens) {
        this.tokens = tokens;
    }

    /** No tokens: every request is {@link Caller#OPEN}, which is why such an API binds to loopback only. */
    public static ApiAuthentication open() {
        return new ApiAuthentication(Optional.empty());
    }

    public static ApiAuthentication with(ApiTokens tokens) {
        return new ApiAuthentication(Optional.of(tokens));
    }

    public boolean requiresTokens() {
        return tokens.isPresent();
    }

    /** The caller an {@code Authorization} header identifies: {@link Caller#ANONYMOUS} without a valid token. */
    public Caller authenticate(String authorization) {
        if (tokens.isEmpty()) {
            return Caller.OPEN;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Caller.ANONYMOUS;
        }
        return tokens.get().authenticate(authorization.substring(BEARER.length()).strip()).orElse(Caller.ANONYMOUS);
    }

    /** The {@code Authorization} header an instance sends when it asks another one. */
    public Optional<String> peerAuthorization() {
        return tokens.map(configured -> BEARER + configured.peerCredential());
    }

    /** Says whether tokens are required and how many, never what they are. */
    @Override
    public String toString() {
        return tokens.map(ApiTokens::toString).orElse("open");
    }
}
