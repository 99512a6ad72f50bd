package io.llmwatch.processor.detection.signal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** How a signal's strings (trace id, attribution, model, prompt) are written: each in full, or once per record. */
interface StringCodec {

    /** Each string in full behind a presence flag: a record of one signal repeats nothing. */
    StringCodec PLAIN = new StringCodec() {
        @Override
        public void write(DataOutputStream out, String value) throws IOException {
            out.writeBoolean(value != null);
            if (value != null) {
                out.writeUTF(value);
            }
        }

        @Override
        public String read(DataInputStream in) throws IOException {
            return in.readBoolean() ? in.readUTF() : null;
        }
    };

    void write(DataOutputStream out, String value) throws IOException;

    String read(DataInputStream in) throws IOException;
}
