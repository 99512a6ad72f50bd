package io.llmwatch.sink.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Signs webhook bodies with a shared secret so the receiver can check that a request comes from this
 * sink and was not altered: {@value #HEADER}: {@code sha256=<lowercase hex HMAC-SHA256 of the raw body>}.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Llmwatch-Signature";

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("A webhook secret must not be empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The header value for exactly these body bytes. */
    public String sign(byte[] body) {
        try {
            // A Mac is stateful and cheap to create; one per call keeps this class safe to share.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform must support " + ALGORITHM, e);
        }
    }
}
