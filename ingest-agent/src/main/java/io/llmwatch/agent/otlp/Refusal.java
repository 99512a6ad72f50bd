package io.llmwatch.agent.otlp;

/**
 * The ways the sidecar can turn a request down, each with its HTTP status and the gRPC status code that
 * OTLP/HTTP puts in the {@code google.rpc.Status} body. Per the OTLP spec only 429 and 503 are retryable,
 * and those carry a {@code Retry-After} header.
 */
enum Refusal {

    BAD_REQUEST(400, GrpcCode.INVALID_ARGUMENT, false),
    NOT_FOUND(404, GrpcCode.NOT_FOUND, false),
    METHOD_NOT_ALLOWED(405, GrpcCode.UNIMPLEMENTED, false),
    PAYLOAD_TOO_LARGE(413, GrpcCode.INVALID_ARGUMENT, false),
    UNSUPPORTED_MEDIA_TYPE(415, GrpcCode.INVALID_ARGUMENT, false),
    TOO_MANY_REQUESTS(429, GrpcCode.RESOURCE_EXHAUSTED, true),
    INTERNAL_ERROR(500, GrpcCode.INTERNAL, false),
    SERVICE_UNAVAILABLE(503, GrpcCode.UNAVAILABLE, true);

    private final int httpStatus;
    private final int grpcCode;
    private final boolean retryable;

    Refusal(int httpStatus, int grpcCode, boolean retryable) {
        this.httpStatus = httpStatus;
        this.grpcCode = grpcCode;
        this.retryable = retryable;
    }

    int httpStatus() {
        return httpStatus;
    }

    int grpcCode() {
        return grpcCode;
    }

    /** Whether the client should send the same request again after {@code Retry-After}. */
    boolean retryable() {
        return retryable;
    }

    /** The google.rpc.Code values used here. */
    private static final class GrpcCode {
        static final int INVALID_ARGUMENT = 3;
        static final int NOT_FOUND = 5;
        static final int RESOURCE_EXHAUSTED = 8;
        static final int UNIMPLEMENTED = 12;
        static final int INTERNAL = 13;
        static final int UNAVAILABLE = 14;
    }
}
