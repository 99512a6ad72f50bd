package io.llmwatch.agent.spool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A write-ahead log of the events Kafka could not take: append-only segment files in one directory, bounded
 * in total bytes, read back in append order once the broker returns. A segment file is deleted when every
 * event in it has been replayed and settled, so the directory holds only what is still undelivered.
 *
 * <p>Each event is a length-prefixed frame with a CRC-32C ({@link SpoolFrame}). Opening a spool recovers
 * what an earlier run left: frames cut short by a crash are truncated away, the rest are replayed first.
 * Delivery is at least once: after a crash, the events of a segment that was only partly acknowledged are
 * sent again.
 *
 * <p>Only the export worker calls this class, except {@link #bytes()} (any thread) and the
 * {@link Settlement}s it hands out (the producer's callbacks). A lock file keeps a second client, in this
 * JVM or another, out of the same directory.
 */
public final class Spool implements AutoCloseable {

    /** The smallest byte budget that holds a useful number of events. */
    public static final long MIN_MAX_BYTES = 64 * 1024;

    /** Segments are a fraction of the budget, so space comes back in steps as replay progresses... */
    static final int SEGMENTS_PER_BUDGET = 16;
    /** ...but never so small that file handling dominates... */
    static final long MIN_SEGMENT_BYTES = 4 * 1024;
    /** ...nor so large that a crash replays many already acknowledged events again. */
    static final long MAX_SEGMENT_BYTES = 8L * 1024 * 1024;

    private static final String LOCK_FILE = "llmwatch-spool.lock";
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

    private final Path directory;
    private final long maxBytes;
    private final long segmentBytes;
    private final FsyncPolicy fsync;
    private final FileChannel lockChannel;
    /** Oldest first; the last one takes appends. */
    private final List<SpoolSegment> segments;
    private final long recoveredEvents;
    private long nextSegmentNumber;
    /** Read by the counters on any thread. */
    private volatile long bytes;

    private int readIndex;
    private long readPosition = SpoolSegment.FILE_HEADER_BYTES;
    private SpooledEvent peeked;
    private long peekedEnd;

    private int unsyncedRecords;
    private long lastSyncNanos = System.nanoTime();
    private long syncs;

    private Spool(Path directory, long maxBytes, FsyncPolicy fsync, FileChannel lockChannel, List<SpoolSegment> segments) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(MIN_SEGMENT_BYTES, Math.min(MAX_SEGMENT_BYTES, maxBytes / SEGMENTS_PER_BUDGET));
        this.fsync = fsync;
        this.lockChannel = lockChannel;
        this.segments = segments;
        this.recoveredEvents = segments.stream().mapToLong(SpoolSegment::records).sum();
        this.bytes = segments.stream().mapToLong(SpoolSegment::size).sum();
        this.nextSegmentNumber = segments.isEmpty() ? 0 : segments.get(segments.size() - 1).number() + 1;
    }

    /**
     * Opens (creating if needed) the spool in {@code directory} and recovers the events an earlier run left there.
     *
     * @param maxBytes the most the segment files may occupy together; appends beyond it are refused
     * @throws IllegalStateException if another client holds the directory
     * @throws UncheckedIOException  if the directory cannot be created, locked or read
     */
    public static Spool open(Path directory, long maxBytes, FsyncPolicy fsync) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(fsync, "fsync");
        if (maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException("maxBytes must be at least " + MIN_MAX_BYTES + ", was " + maxBytes);
        }
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(directory);
            lockChannel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock(lockChannel, directory);
            Spool spool = new Spool(directory, maxBytes, fsync, lockChannel, recoverSegments(directory));
            if (spool.recoveredEvents > 0) {
                LOG.info("Recovered {} spooled events ({} bytes) from {}; they are sent before new ones",
                        spool.recoveredEvents, spool.bytes, directory);
            }
            return spool;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new UncheckedIOException("Cannot open the llmwatch spool in " + directory, e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    /**
     * Appends {@code event} after everything spooled so far; it reaches the operating system before this
     * returns and the storage device as the fsync policy says.
     *
     * @return false if the byte budget has no room for it
     * @throws UncheckedIOException if the write failed (a full disk, say)
     */
    public boolean append(EncodedEvent event) {
        int frameLength = SpoolFrame.frameLength(event);
        try {
            SpoolSegment target = segmentWithRoomFor(frameLength);
            if (target == null) {
                return false;
            }
            ByteBuffer frame = ByteBuffer.allocate(frameLength);
            SpoolFrame.write(event, frame);
            target.append(frame.flip());
            bytes += frameLength;
            unsyncedRecords++;
            syncIfDue(System.nanoTime());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to the llmwatch spool in " + directory, e);
        }
    }

    /** Whether some spooled event has not been given out for replay yet. */
    public boolean hasUnread() {
        return peek().isPresent();
    }

    /** The oldest event not given out for replay yet, without giving it out. */
    public Optional<SpooledEvent> peek() {
        while (peeked == null && readIndex < segments.size()) {
            SpoolSegment segment = segments.get(readIndex);
            Optional<SpoolSegment.ReadFrame> frame = segment.read(readPosition);
            if (frame.isPresent()) {
                peeked = new SpooledEvent(frame.get().event(), segment);
                peekedEnd = frame.get().end();
            } else if (readIndex == segments.size() - 1) {
                // Caught up with the appends.
                break;
            } else {
                if (!segment.fullyRead()) {
                    segment.abandonUnread();
                }
                readIndex++;
                readPosition = SpoolSegment.FILE_HEADER_BYTES;
            }
        }
        return Optional.ofNullable(peeked);
    }

    /**
     * Gives out the event {@link #peek()} showed, for replay; its {@link SpooledEvent#settlement()} is due
     * once its delivery ends.
     *
     * @throws IllegalStateException if there is nothing to give out
     */
    public void take() {
        if (peek().isEmpty()) {
            throw new IllegalStateException("Nothing unread in the spool");
        }
        segments.get(readIndex).markRead();
        readPosition = peekedEnd;
        peeked = null;
    }

    /** Deletes the oldest segments whose every event has been replayed and settled. */
    public void releaseSettled() {
        try {
            while (!segments.isEmpty() && segments.get(0).releasable()) {
                SpoolSegment released = segments.remove(0);
                released.delete();
                bytes -= released.size();
                if (readIndex > 0) {
                    readIndex--;
                } else {
                    readPosition = SpoolSegment.FILE_HEADER_BYTES;
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot delete a replayed spool segment in {}: {}", directory, e.toString());
        }
    }

    /** Forces appended events to the device if the fsync policy says it is time; the worker calls it as time passes. */
    public void syncIfDue(long nowNanos) {
        if (segments.isEmpty() || !fsync.isDue(unsyncedRecords, nowNanos - lastSyncNanos)) {
            return;
        }
        try {
            forceUnsynced();
        } catch (IOException e) {
            LOG.warn("Cannot fsync the llmwatch spool in {}: {}", directory, e.toString());
        }
    }

    /** The bytes the segment files occupy now. */
    public long bytes() {
        return bytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Events an earlier run left in the spool, found when it was opened. */
    public long recoveredEvents() {
        return recoveredEvents;
    }

    public Path directory() {
        return directory;
    }

    /** How often the spool forced its writes to the device; for tests of the fsync policy. */
    long syncs() {
        return syncs;
    }

    /** Forces what the policy has not forced yet, closes the files and releases the directory. */
    @Override
    public void close() {
        try {
            forceUnsynced();
        } catch (IOException e) {
            LOG.warn("Cannot fsync the llmwatch spool in {}: {}", directory, e.toString());
        }
        for (SpoolSegment segment : segments) {
            try {
                segment.close();
            } catch (IOException e) {
                LOG.warn("Cannot close spool segment {}: {}", segment, e.toString());
            }
        }
        closeQuietly(lockChannel);
    }

    @Override
    public String toString() {
        return directory.toString();
    }

    /** The segment to append a frame of {@code frameLength} bytes to, rolling to a new one when the last is full; null when over budget. */
    private SpoolSegment segmentWithRoomFor(int frameLength) throws IOException {
        SpoolSegment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        boolean roll = last == null || (last.size() + frameLength > segmentBytes && last.records() > 0);
        long needed = frameLength + (roll ? SpoolSegment.FILE_HEADER_BYTES : 0);
        if (bytes + needed > maxBytes) {
            return null;
        }
        if (!roll) {
            return last;
        }
        // The policy's promise covers the events in the segment being left behind too.
        forceUnsynced();
        SpoolSegment created = SpoolSegment.create(directory, nextSegmentNumber++);
        segments.add(created);
        bytes += SpoolSegment.FILE_HEADER_BYTES;
        return created;
    }

    /** Forces the last segment if it holds appends the policy would have forced eventually; {@code never} never does. */
    private void forceUnsynced() throws IOException {
        if (segments.isEmpty()) {
            // Everything appended was replayed and deleted before the policy called for a force.
            unsyncedRecords = 0;
        }
        if (unsyncedRecords == 0 || fsync instanceof FsyncPolicy.Never) {
            return;
        }
        segments.get(segments.size() - 1).force();
        unsyncedRecords = 0;
        lastSyncNanos = System.nanoTime();
        syncs++;
    }

    private static void lock(FileChannel lockChannel, Path directory) throws IOException {
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IllegalStateException("The llmwatch spool in " + directory
                    + " is in use by another client; give each client its own spool directory");
        }
    }

    private static List<SpoolSegment> recoverSegments(Path directory) throws IOException {
        Map<Long, Path> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(directory)) {
            listing.forEach(file -> SpoolSegment.numberOf(file).ifPresent(number -> files.put(number, file)));
        }
        List<SpoolSegment> segments = new ArrayList<>();
        for (Map.Entry<Long, Path> file : files.entrySet()) {
            SpoolSegment.recover(file.getValue(), file.getKey()).ifPresent(segments::add);
        }
        return segments;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Ignoring a failure to close {}", channel, e);
        }
    }
}
