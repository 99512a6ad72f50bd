package io.llmwatch.schemas.auth;

import java.util.Objects;

/**
 * Who sent a request.
 *
 * @param tenant the tenant a {@link ApiRole#TENANT} caller is confined to; {@code null} for other roles
 */
public record Caller(ApiRole role, String tenant) {

    /** The caller of an API without tokens, which serves only loopback unless started with {@code --insecure}. */
    public static final Caller OPEN = new Caller(ApiRole.ADMIN, null);

    /** A request without a valid token to an API that requires one. */
    public static final Caller ANONYMOUS = new Caller(ApiRole.ANONYMOUS, null);

    public Caller {
        Objects.requireNonNull(role, "role");
        if (role == ApiRole.TENANT && (tenant == null || tenant.isBlank())) {
            throw new IllegalArgumentException("a tenant token needs its tenant");
        }
        if (role != ApiRole.TENANT && tenant != null) {
            throw new IllegalArgumentException("only a tenant token names a tenant");
        }
    }
}
