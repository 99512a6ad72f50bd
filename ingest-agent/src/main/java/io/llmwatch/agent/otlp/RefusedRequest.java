package io.llmwatch.agent.otlp;

/** Thrown while reading a request that the sidecar turns down; the message goes back to the client. */
final class RefusedRequest extends Exception {

    private final Refusal refusal;

    RefusedRequest(Refusal refusal, String message) {
        super(message);
        this.refusal = refusal;
    }

    RefusedRequest(Refusal refusal, String message, Throwable cause) {
        super(message, cause);
        this.refusal = refusal;
    }

    Refusal refusal() {
        return refusal;
    }
}
