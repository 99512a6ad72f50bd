package io.llmwatch.schemas.io;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A {@code ByteArrayOutputStream} without its locks. Encoders write a record a few bytes at a time, and the JDK's
 * stream takes a monitor for every one of those calls, which made encoding cost more than the rest of a record's
 * handling. Only one thread may write to an instance.
 */
public final class UnsynchronizedByteArrayOutputStream extends OutputStream {

    private byte[] bytes;
    private int size;

    public UnsynchronizedByteArrayOutputStream(int initialCapacity) {
        this.bytes = new byte[Math.max(1, initialCapacity)];
    }

    @Override
    public void write(int b) {
        ensureCapacity(size + 1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        ensureCapacity(size + length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensureCapacity(int needed) {
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, 2 * bytes.length));
        }
    }
}
