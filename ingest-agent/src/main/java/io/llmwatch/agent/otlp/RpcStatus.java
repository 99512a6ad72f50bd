package io.llmwatch.agent.otlp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code google.rpc.Status} body OTLP/HTTP sends with every error. Its two fields are encoded by hand
 * (field 1 {@code code}, field 2 {@code message}) rather than by pulling in the Google API protos for them.
 */
final class RpcStatus {

    private static final int CODE_FIELD = 1;
    private static final int MESSAGE_FIELD = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RpcStatus() {
    }

    static byte[] protobuf(int code, String message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeInt32(CODE_FIELD, code);
            out.writeString(MESSAGE_FIELD, message);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("A byte array cannot fail to grow", e);
        }
        return bytes.toByteArray();
    }

    static byte[] json(int code, String message) {
        ObjectNode status = JSON.createObjectNode().put("code", code).put("message", message);
        return status.toString().getBytes(StandardCharsets.UTF_8);
    }
}
