package io.llmwatch.schemas.io;

import java.io.InputStream;

/**
 * A {@code ByteArrayInputStream} without its locks, for decoders that read a record a few bytes at a time; see
 * {@link UnsynchronizedByteArrayOutputStream}. Only one thread may read from an instance.
 */
public final class UnsynchronizedByteArrayInputStream extends InputStream {

    private final byte[] bytes;
    private int position;

    public UnsynchronizedByteArrayInputStream(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() {
        return position < bytes.length ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int available = bytes.length - position;
        if (available <= 0) {
            return -1;
        }
        int read = Math.min(length, available);
        System.arraycopy(bytes, position, target, offset, read);
        position += read;
        return read;
    }

    @Override
    public long skip(long count) {
        long skipped = Math.max(0, Math.min(count, bytes.length - position));
        position += (int) skipped;
        return skipped;
    }

    @Override
    public int available() {
        return bytes.length - position;
    }
}
