package io.llmwatch.schemas.auth;

import java.util.Locale;

/** What a bearer token may do; each API (query, silences) decides what that means for its endpoints. */
public enum ApiRole {
    /** Everything, including changing silences and price overrides. */
    ADMIN,
    /** Every tenant's data and the silences, read only. */
    ANALYST,
    /** Only the rows of its own tenant; any other query is refused. */
    TENANT,
    /**
     * Another processor instance asking for its share ({@code scope=local}); never in a tokens file. The
     * instance that forwarded the request applies the caller's own role to the merged answer.
     */
    PEER,
    /** No valid token: may only ask {@code /api/health}, which probes need and which reveals no data. */
    ANONYMOUS;

    static ApiRole parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "admin" -> ADMIN;
            case "analyst" -> ANALYST;
            case "tenant" -> TENANT;
            default -> throw new IllegalArgumentException("role must be admin, analyst or tenant, not '" + name + "'");
        };
    }
}
