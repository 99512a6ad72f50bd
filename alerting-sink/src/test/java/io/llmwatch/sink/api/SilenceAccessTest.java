package io.llmwatch.sink.api;

import io.llmwatch.schemas.auth.ApiAuthentication;
import io.llmwatch.schemas.auth.ApiTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SilenceAccessTest {

    static final String ADMIN = "admin-token-0123456789";
    static final String ANALYST = "analyst-token-0123456789";
    static final String ACME = "acme-token-0123456789";
    static final ApiTokens TOKENS = ApiTokens.parse("""
            [{"token": "%s", "role": "admin"},
             {"token": "%s", "role": "analyst"},
             {"token": "%s", "role": "tenant", "tenant": "acme"}]""".formatted(ADMIN, ANALYST, ACME), "test");

    private final SilenceAccess access = SilenceAccess.of(ApiAuthentication.with(TOKENS));

    @Test
    void anAdminTokenListsCreatesAndExpiresSilences() {
        assertThat(access.refusal(bearer(ADMIN), false)).isEmpty();
        assertThat(access.refusal(bearer(ADMIN), true)).isEmpty();
    }

    @Test
    void anAnalystTokenListsSilencesButCannotChangeThem() {
        assertThat(access.refusal(bearer(ANALYST), false)).isEmpty();
        assertThat(access.refusal(bearer(ANALYST), true)).contains(SilenceAccess.CHANGE_FORBIDDEN);
    }

    @Test
    void aTenantTokenIsForbiddenBecauseSilencesAreCrossTenant() {
        assertThat(access.refusal(bearer(ACME), false)).contains(SilenceAccess.READ_FORBIDDEN);
        assertThat(access.refusal(bearer(ACME), true)).contains(SilenceAccess.CHANGE_FORBIDDEN);
    }

    @Test
    void theProcessorsPeerCredentialIsForbidden() {
        String peer = bearer(TOKENS.peerCredential());

        assertThat(access.refusal(peer, false)).map(SilenceAccess.Refusal::status).contains(403);
        assertThat(access.refusal(peer, true)).map(SilenceAccess.Refusal::status).contains(403);
    }

    @Test
    void noTokenAnUnknownTokenOrAnotherSchemeIsUnauthorized() {
        assertThat(access.refusal(null, false)).contains(SilenceAccess.UNAUTHORIZED);
        assertThat(access.refusal(bearer("unknown-token-0123456789"), false)).contains(SilenceAccess.UNAUTHORIZED);
        assertThat(access.refusal("Basic " + ADMIN, true)).contains(SilenceAccess.UNAUTHORIZED);
        assertThat(SilenceAccess.UNAUTHORIZED.status()).isEqualTo(401);
    }

    @Test
    void withoutTokensEveryoneMayDoEverything() {
        SilenceAccess open = SilenceAccess.of(ApiAuthentication.open());

        assertThat(open.refusal(null, true)).isEmpty();
        assertThat(open.refusal(bearer("anything-at-all-0123"), false)).isEmpty();
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }
}
