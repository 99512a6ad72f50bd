package io.llmwatch.sink.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WebhookSignatureTest {

    @Test
    void signsWithHmacSha256AsLowercaseHex() {
        // RFC 4231, test case 2
        String signature = new WebhookSignature("Jefe").sign("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void differentSecretsGiveDifferentSignatures() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(new WebhookSignature("one").sign(body)).isNotEqualTo(new WebhookSignature("two").sign(body));
    }

    @Test
    void rejectsAnEmptySecret() {
        assertThatIllegalArgumentException().isThrownBy(() -> new WebhookSignature(""));
    }
}
