package io.llmwatch.agent.spool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One append-only file of the spool: a small file header (magic, format version), then {@link SpoolFrame}s.
 * Only the export worker writes and reads it; {@link #settle()} is the one method other threads call.
 */
final class SpoolSegment implements Settlement {

    static final String SUFFIX = ".spool";

    /** "LWSP": a file that does not start with it is not a spool segment. */
    private static final int MAGIC = 0x4C575350;
    private static final int FORMAT_VERSION = 1;
    static final int FILE_HEADER_BYTES = Integer.BYTES * 2;

    private static final Logger LOG = LoggerFactory.getLogger(SpoolSegment.class);

    private final Path path;
    private final long number;
    private final FileChannel channel;
    private long size;
    private int records;
    /** Frames given out for replay; the rest are still unread. */
    private int readRecords;
    private final AtomicInteger settled = new AtomicInteger();

    private SpoolSegment(Path path, long number, FileChannel channel, long size, int records) {
        this.path = path;
        this.number = number;
        this.channel = channel;
        this.size = size;
        this.records = records;
    }

    static Path pathOf(Path directory, long number) {
        return directory.resolve(String.format("%020d%s", number, SUFFIX));
    }

    /** The segment number in a segment file's name, or empty for any other file. */
    static Optional<Long> numberOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static SpoolSegment create(Path directory, long number) throws IOException {
        Path path = pathOf(directory, number);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        writeFully(channel, ByteBuffer.allocate(FILE_HEADER_BYTES).putInt(MAGIC).putInt(FORMAT_VERSION).flip(), 0);
        return new SpoolSegment(path, number, channel, FILE_HEADER_BYTES, 0);
    }

    /**
     * Opens a segment left by an earlier run and keeps its intact frames: the first frame that is cut short
     * or fails its checksum, and everything after it, is cut off. That is where a crash interrupted an append.
     *
     * @return empty if no frame survived (the file is deleted), or the file is not a segment of this format
     *         (it is renamed aside with a {@code .corrupt} suffix, for a person to look at)
     */
    static Optional<SpoolSegment> recover(Path path, long number) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (!hasValidHeader(channel)) {
            channel.close();
            return setAside(path, "has no spool header");
        }
        SpoolSegment segment = new SpoolSegment(path, number, channel, channel.size(), 0);
        long end = FILE_HEADER_BYTES;
        for (Optional<ReadFrame> frame = segment.read(end); frame.isPresent(); frame = segment.read(end)) {
            segment.records++;
            end = frame.get().end();
        }
        if (end < segment.size) {
            LOG.warn("Spool segment {} ends in {} bytes that are not a complete event (a write cut short by a crash); "
                    + "keeping its {} intact events", path, segment.size - end, segment.records);
            channel.truncate(end);
            segment.size = end;
        }
        if (segment.records == 0) {
            segment.delete();
            return Optional.empty();
        }
        return Optional.of(segment);
    }

    long number() {
        return number;
    }

    long size() {
        return size;
    }

    int records() {
        return records;
    }

    /** Appends one encoded frame (at its buffer's position, up to its limit). */
    void append(ByteBuffer frame) throws IOException {
        long written = frame.remaining();
        writeFully(channel, frame, size);
        size += written;
        records++;
    }

    /** The frame starting at {@code position}, or empty at the end of what was written or at a damaged frame. */
    Optional<ReadFrame> read(long position) {
        try {
            if (position + SpoolFrame.HEADER_BYTES > size) {
                return Optional.empty();
            }
            ByteBuffer header = ByteBuffer.allocate(SpoolFrame.HEADER_BYTES);
            readFully(header, position);
            int length = header.getInt(0);
            long end = position + SpoolFrame.HEADER_BYTES + length;
            if (length < 0 || end > size) {
                return Optional.empty();
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(payload, position + SpoolFrame.HEADER_BYTES);
            return SpoolFrame.read(payload.flip(), header.getInt(Integer.BYTES)).map(event -> new ReadFrame(event, end));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read spool segment " + path, e);
        }
    }

    /** Counts a frame given out for replay. */
    void markRead() {
        readRecords++;
    }

    /** Gives up on the frames not read yet (they cannot be read), so the segment can still be released. */
    void abandonUnread() {
        LOG.error("Spool segment {} is damaged after {} of its {} events; the rest are lost", path, readRecords, records);
        records = readRecords;
    }

    boolean fullyRead() {
        return readRecords == records;
    }

    /** Every frame was read and its replay has been settled: the file holds nothing still needed. */
    boolean releasable() {
        return fullyRead() && settled.get() == records;
    }

    @Override
    public void settle() {
        settled.incrementAndGet();
    }

    void force() throws IOException {
        channel.force(false);
    }

    void close() throws IOException {
        channel.close();
    }

    void delete() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }

    @Override
    public String toString() {
        return path.toString();
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("Unexpected end of " + path);
            }
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    private static boolean hasValidHeader(FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_BYTES);
        while (header.hasRemaining()) {
            if (channel.read(header, header.position()) < 0) {
                // Shorter than a header: a crash interrupted the segment's creation.
                return false;
            }
        }
        return header.getInt(0) == MAGIC && header.getInt(Integer.BYTES) == FORMAT_VERSION;
    }

    private static Optional<SpoolSegment> setAside(Path path, String problem) throws IOException {
        if (Files.size(path) < FILE_HEADER_BYTES) {
            Files.delete(path);
        } else {
            Path aside = path.resolveSibling(path.getFileName() + ".corrupt");
            LOG.warn("Spool file {} {}; moved to {}", path, problem, aside);
            Files.move(path, aside, StandardCopyOption.REPLACE_EXISTING);
        }
        return Optional.empty();
    }

    /** A frame read back: its event and where the next frame starts. */
    record ReadFrame(EncodedEvent event, long end) {
    }
}
