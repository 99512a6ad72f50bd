package io.llmwatch.agent.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;

/**
 * {@code POST /v1/traces}, answering as the OTLP/HTTP spec requires: 200 with an
 * {@code ExportTraceServiceResponse} (carrying {@code partial_success} when some spans were rejected), or
 * an error status with a {@code google.rpc.Status} body; always in the encoding of the request.
 */
final class TracesEndpoint implements HttpHandler {

    static final String PATH = "/v1/traces";

    private static final Logger LOG = LoggerFactory.getLogger(TracesEndpoint.class);
    private static final int OK = 200;

    private final SpanIngest ingest;
    private final SidecarCounting counting;
    private final int maxBodyBytes;
    private final String retryAfterSeconds;

    TracesEndpoint(SpanIngest ingest, SidecarCounting counting, int maxBodyBytes, Duration retryAfter) {
        this.ingest = ingest;
        this.counting = counting;
        this.maxBodyBytes = maxBodyBytes;
        this.retryAfterSeconds = Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // Answers go in the request's encoding; before it is known, in protobuf, OTLP's default.
            OtlpEncoding encoding = OtlpEncoding.PROTOBUF;
            try {
                encoding = acceptedEncoding(exchange);
                ExportTraceServiceRequest request = encoding.decode(RequestBody.read(exchange.getRequestBody(),
                        exchange.getRequestHeaders().getFirst("Content-Encoding"), maxBodyBytes));
                answer(exchange, encoding, ingest.ingest(request));
            } catch (RefusedRequest refused) {
                refuse(exchange, encoding, refused.refusal(), refused.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("The OTLP sidecar failed on a request", e);
                refuse(exchange, encoding, Refusal.INTERNAL_ERROR, "llmwatch failed to process the request: " + e);
            }
        }
    }

    private static OtlpEncoding acceptedEncoding(HttpExchange exchange) throws RefusedRequest {
        if (!PATH.equals(exchange.getRequestURI().getPath())) {
            throw new RefusedRequest(Refusal.NOT_FOUND, "No such endpoint; traces go to " + PATH);
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            throw new RefusedRequest(Refusal.METHOD_NOT_ALLOWED, PATH + " accepts POST only");
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        return OtlpEncoding.ofContentType(contentType).orElseThrow(() -> new RefusedRequest(Refusal.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type '" + contentType + "' is not supported; send application/x-protobuf or application/json"));
    }

    private void answer(HttpExchange exchange, OtlpEncoding encoding, IngestOutcome outcome) throws IOException {
        switch (outcome.verdict()) {
            case QUEUE_FULL -> refuse(exchange, encoding, Refusal.TOO_MANY_REQUESTS, "The llmwatch agent's queue is full; retry later");
            case AGENT_CLOSED -> refuse(exchange, encoding, Refusal.SERVICE_UNAVAILABLE, "The llmwatch agent is shutting down");
            case TAKEN -> {
                ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
                if (outcome.rejectedSpans() > 0) {
                    response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                            .setRejectedSpans(outcome.rejectedSpans())
                            .setErrorMessage(outcome.errorMessage()));
                }
                counting.answered();
                send(exchange, OK, encoding, encoding.encode(response.build()));
            }
        }
    }

    private void refuse(HttpExchange exchange, OtlpEncoding encoding, Refusal refusal, String message) throws IOException {
        if (refusal.retryable()) {
            exchange.getResponseHeaders().set("Retry-After", retryAfterSeconds);
        }
        if (refusal == Refusal.TOO_MANY_REQUESTS) {
            counting.throttled();
        } else {
            counting.refused();
        }
        counting.answered();
        send(exchange, refusal.httpStatus(), encoding, encoding.encodeStatus(refusal, message));
    }

    private static void send(HttpExchange exchange, int status, OtlpEncoding encoding, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", encoding.contentType());
        // A length of 0 would mean "chunked, length unknown" to the JDK's server; -1 means no body.
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }
}
