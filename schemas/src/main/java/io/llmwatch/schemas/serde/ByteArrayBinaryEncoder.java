package io.llmwatch.schemas.serde;

import org.apache.avro.io.BinaryData;
import org.apache.avro.io.BinaryEncoder;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Avro's binary encoding written straight into one growable array, which the caller copies out once per
 * value. Avro's own {@code BufferedBinaryEncoder} fills a buffer of its own, flushes it through an output
 * stream into a second one, and copies strings a char at a time; on the agent's export worker that made
 * encoding a span cost more than handing it to the producer. Bytes are identical to Avro's encoders.
 * Only one thread may use an instance.
 */
final class ByteArrayBinaryEncoder extends BinaryEncoder {

    /** A zig-zag varint long takes at most 10 bytes, a double 8. */
    private static final int MAX_PRIMITIVE_BYTES = 10;

    private byte[] buffer;
    private int position;

    ByteArrayBinaryEncoder(int initialCapacity) {
        this.buffer = new byte[Math.max(MAX_PRIMITIVE_BYTES, initialCapacity)];
    }

    /** Forgets what was written, keeping the array for the next value. */
    void reset() {
        position = 0;
    }

    /** A copy of what was written since the last {@link #reset()}. */
    byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }

    /** The array's current size, so an owner can let go of one grown for a single huge value. */
    int capacity() {
        return buffer.length;
    }

    @Override
    public void writeBoolean(boolean value) {
        ensureRoom(1);
        buffer[position++] = (byte) (value ? 1 : 0);
    }

    @Override
    public void writeInt(int value) {
        ensureRoom(MAX_PRIMITIVE_BYTES);
        position += BinaryData.encodeInt(value, buffer, position);
    }

    @Override
    public void writeLong(long value) {
        ensureRoom(MAX_PRIMITIVE_BYTES);
        position += BinaryData.encodeLong(value, buffer, position);
    }

    @Override
    public void writeFloat(float value) {
        ensureRoom(MAX_PRIMITIVE_BYTES);
        position += BinaryData.encodeFloat(value, buffer, position);
    }

    @Override
    public void writeDouble(double value) {
        ensureRoom(MAX_PRIMITIVE_BYTES);
        position += BinaryData.encodeDouble(value, buffer, position);
    }

    /**
     * The JDK encodes a string to UTF-8 with vectorised intrinsics (for ASCII, one check and one array
     * copy), far faster than the char-by-char loop Avro's encoder runs.
     */
    @Override
    public void writeString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeInt(utf8.length);
        writeFixed(utf8, 0, utf8.length);
    }

    @Override
    public void writeFixed(byte[] bytes, int start, int length) {
        ensureRoom(length);
        System.arraycopy(bytes, start, buffer, position, length);
        position += length;
    }

    @Override
    public void writeFixed(ByteBuffer bytes) {
        int length = bytes.remaining();
        ensureRoom(length);
        bytes.duplicate().get(buffer, position, length);
        position += length;
    }

    @Override
    protected void writeZero() {
        ensureRoom(1);
        buffer[position++] = 0;
    }

    @Override
    public int bytesBuffered() {
        return position;
    }

    /** Nothing to flush: every byte is in the array as soon as it is written. */
    @Override
    public void flush() {
    }

    private void ensureRoom(int bytes) {
        int needed = position + bytes;
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, 2 * buffer.length));
        }
    }
}
