package io.llmwatch.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;

import java.io.IOException;
import java.util.Arrays;

/**
 * Writes Avro single-object encoding ({@code C3 01}, the schema's 8-byte fingerprint little-endian, then the
 * binary body), byte for byte what Avro's {@code BinaryMessageEncoder} writes, at a fraction of its cost.
 *
 * <p>Avro's encoder writes every field straight into a {@code ByteArrayOutputStream}, one synchronized call
 * per field, which made encoding a 300-byte span cost more than sending it. Here each thread keeps a
 * {@link ByteArrayBinaryEncoder}, so a value costs one copy into its final array.
 */
final class SingleObjectWriter<T> {

    private static final byte[] MAGIC = {(byte) 0xC3, (byte) 0x01};
    private static final int FINGERPRINT_BYTES = 8;
    private static final int INITIAL_CAPACITY = 1024;
    /** An encoder grown for one huge value is let go rather than kept by the thread for good. */
    private static final int MAX_RETAINED_BYTES = 64 * 1024;

    private final byte[] header;
    private final DatumWriter<T> datumWriter;
    /** Serdes are shared by every stream thread and the agent's worker; each needs its own encoder. */
    private final ThreadLocal<ByteArrayBinaryEncoder> encoders = ThreadLocal.withInitial(SingleObjectWriter::newEncoder);

    @SuppressWarnings("unchecked")
    SingleObjectWriter(SpecificData model, Schema schema) {
        this.datumWriter = (DatumWriter<T>) model.createDatumWriter(schema);
        this.header = header(SchemaCatalog.fingerprint(schema));
    }

    byte[] write(T value) throws IOException {
        ByteArrayBinaryEncoder encoder = encoders.get();
        encoder.reset();
        encoder.writeFixed(header, 0, header.length);
        datumWriter.write(value, encoder);
        byte[] written = encoder.toByteArray();
        if (encoder.capacity() > MAX_RETAINED_BYTES) {
            encoders.set(newEncoder());
        }
        return written;
    }

    private static ByteArrayBinaryEncoder newEncoder() {
        return new ByteArrayBinaryEncoder(INITIAL_CAPACITY);
    }

    private static byte[] header(long fingerprint) {
        byte[] header = Arrays.copyOf(MAGIC, MAGIC.length + FINGERPRINT_BYTES);
        for (int i = 0; i < FINGERPRINT_BYTES; i++) {
            header[MAGIC.length + i] = (byte) (fingerprint >>> (8 * i));
        }
        return header;
    }
}
