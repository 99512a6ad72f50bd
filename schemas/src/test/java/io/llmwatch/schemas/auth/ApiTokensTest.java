package io.llmwatch.schemas.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTokensTest {

    private static final String ADMIN = "admin-token-0123456789";
    private static final String ACME = "acme-token-0123456789";
    private static final String JSON = """
            [{"token": "%s", "role": "admin"},
             {"token": "%s", "role": "tenant", "tenant": "acme"}]""".formatted(ADMIN, ACME);

    @Test
    void identifiesEachTokensCallerAndNobodyElse() {
        ApiTokens tokens = ApiTokens.parse(JSON, "test");

        assertThat(tokens.authenticate(ADMIN)).contains(new Caller(ApiRole.ADMIN, null));
        assertThat(tokens.authenticate(ACME)).contains(new Caller(ApiRole.TENANT, "acme"));
        assertThat(tokens.authenticate(ACME + "x")).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
    }

    @Test
    void thePeerCredentialIsTheSameOnEveryInstanceWithTheSameTokensAndAPeer() {
        ApiTokens one = ApiTokens.parse(JSON, "test");
        ApiTokens reordered = ApiTokens.parse("""
                [{"token": "%s", "role": "tenant", "tenant": "acme"}, {"token": "%s", "role": "admin"}]""".formatted(ACME, ADMIN), "test");
        ApiTokens other = ApiTokens.parse("[{\"token\": \"another-token-0123456\", \"role\": \"admin\"}]", "test");

        assertThat(reordered.peerCredential()).isEqualTo(one.peerCredential());
        assertThat(other.peerCredential()).isNotEqualTo(one.peerCredential());
        assertThat(one.authenticate(one.peerCredential())).contains(new Caller(ApiRole.PEER, null));
        assertThat(other.authenticate(one.peerCredential())).isEmpty();
    }

    @Test
    void badEntriesAreNamedWithoutShowingTheirToken() {
        assertThatThrownBy(() -> ApiTokens.parse("[{\"token\": \"short\", \"role\": \"admin\"}]", "tokens.json"))
                .hasMessage("API token #1 in tokens.json is missing or shorter than 16 characters");
        assertThatThrownBy(() -> ApiTokens.parse("[{\"token\": \"%s\", \"role\": \"tenant\"}]".formatted(ACME), "tokens.json"))
                .hasMessageContaining("#1").hasMessageContaining("needs its tenant").hasMessageNotContaining(ACME);
        assertThatThrownBy(() -> ApiTokens.parse("[{\"token\": \"%s\", \"role\": \"peer\"}]".formatted(ACME), "tokens.json"))
                .hasMessageContaining("role must be admin, analyst or tenant").hasMessageNotContaining(ACME);
        assertThatThrownBy(() -> ApiTokens.parse("{" + ACME, "tokens.json"))
                .hasMessage("API tokens in tokens.json are not JSON");
        assertThat(ApiTokens.parse(JSON, "test")).hasToString("ApiTokens[2 tokens]");
    }
}
