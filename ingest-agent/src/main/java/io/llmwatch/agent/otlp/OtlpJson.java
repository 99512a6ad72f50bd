package io.llmwatch.agent.otlp;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * OTLP/JSON, which is protobuf's JSON mapping with one exception: trace and span ids are hex strings, not
 * base64. Protobuf's parser would read a hex id as base64 without complaint and yield a wrong id, so the
 * ids are rewritten to base64 first; everything else (lowerCamelCase keys, enums as integers, 64-bit
 * integers as strings or numbers, unknown fields ignored) is protobuf's mapping as the spec requires.
 */
final class OtlpJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private OtlpJson() {
    }

    static ExportTraceServiceRequest parseRequest(byte[] body) throws RefusedRequest {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new RefusedRequest(Refusal.BAD_REQUEST, "The body is not JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
        } catch (IOException e) {
            throw new RefusedRequest(Refusal.BAD_REQUEST, "The body cannot be read as JSON: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new RefusedRequest(Refusal.BAD_REQUEST, "The body is not a JSON object");
        }
        for (JsonNode resourceSpans : tree.path("resourceSpans")) {
            for (JsonNode scopeSpans : resourceSpans.path("scopeSpans")) {
                for (JsonNode span : scopeSpans.path("spans")) {
                    idsToBase64(span, "traceId", "spanId", "parentSpanId");
                    for (JsonNode link : span.path("links")) {
                        idsToBase64(link, "traceId", "spanId");
                    }
                }
            }
        }
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        try {
            PARSER.merge(tree.toString(), request);
        } catch (InvalidProtocolBufferException e) {
            throw new RefusedRequest(Refusal.BAD_REQUEST, "Not an OTLP/JSON ExportTraceServiceRequest: " + e.getMessage(), e);
        }
        return request.build();
    }

    static byte[] print(MessageOrBuilder message) {
        try {
            return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("An OTLP response has no Any fields and always prints", e);
        }
    }

    private static void idsToBase64(JsonNode node, String... fields) throws RefusedRequest {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        for (String field : fields) {
            JsonNode id = object.get(field);
            if (id == null || !id.isTextual()) {
                continue;
            }
            try {
                object.put(field, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(id.textValue())));
            } catch (IllegalArgumentException e) {
                throw new RefusedRequest(Refusal.BAD_REQUEST, field + " '" + id.textValue() + "' is not a hex string", e);
            }
        }
    }
}
