package io.llmwatch.agent.otlp;

import com.google.protobuf.CodedInputStream;

import java.io.IOException;

/** Decodes a protobuf {@code google.rpc.Status} as an OTLP client would, to "code: message". */
final class RpcStatusReader {

    private RpcStatusReader() {
    }

    static String read(byte[] body) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(body);
        int code = 0;
        String message = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag >>> 3) {
                case 1 -> code = in.readInt32();
                case 2 -> message = in.readString();
                default -> in.skipField(tag);
            }
        }
        return code + ": " + message;
    }
}
