package io.llmwatch.agent.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

import java.util.Locale;
import java.util.Optional;

/** The two OTLP/HTTP encodings. A response is always in the encoding of its request. */
enum OtlpEncoding {

    PROTOBUF("application/x-protobuf") {
        @Override
        ExportTraceServiceRequest decode(byte[] body) throws RefusedRequest {
            try {
                return ExportTraceServiceRequest.parseFrom(body);
            } catch (InvalidProtocolBufferException e) {
                throw new RefusedRequest(Refusal.BAD_REQUEST, "Not a protobuf ExportTraceServiceRequest: " + e.getMessage(), e);
            }
        }

        @Override
        byte[] encode(ExportTraceServiceResponse response) {
            return response.toByteArray();
        }

        @Override
        byte[] encodeStatus(Refusal refusal, String message) {
            return RpcStatus.protobuf(refusal.grpcCode(), message);
        }
    },

    JSON("application/json") {
        @Override
        ExportTraceServiceRequest decode(byte[] body) throws RefusedRequest {
            return OtlpJson.parseRequest(body);
        }

        @Override
        byte[] encode(ExportTraceServiceResponse response) {
            return OtlpJson.print(response);
        }

        @Override
        byte[] encodeStatus(Refusal refusal, String message) {
            return RpcStatus.json(refusal.grpcCode(), message);
        }
    };

    private final String contentType;

    OtlpEncoding(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** The encoding a {@code Content-Type} header names, parameters such as {@code charset} aside. */
    static Optional<OtlpEncoding> ofContentType(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String mediaType = header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        for (OtlpEncoding encoding : values()) {
            if (encoding.contentType.equals(mediaType)) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }

    abstract ExportTraceServiceRequest decode(byte[] body) throws RefusedRequest;

    abstract byte[] encode(ExportTraceServiceResponse response);

    /** A {@code google.rpc.Status} body for an error answer. */
    abstract byte[] encodeStatus(Refusal refusal, String message);
}
