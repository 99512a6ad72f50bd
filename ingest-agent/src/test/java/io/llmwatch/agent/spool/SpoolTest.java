package io.llmwatch.agent.spool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpoolTest {

    private static final long SMALL_BUDGET = Spool.MIN_MAX_BYTES;

    @TempDir
    Path directory;

    private final List<Spool> opened = new ArrayList<>();

    @AfterEach
    void closeSpools() {
        opened.forEach(Spool::close);
    }

    @Test
    void eventsAreReadBackInAppendOrderAcrossSegmentsAndDeletedOnceSettled() throws IOException {
        Spool spool = open(SMALL_BUDGET, FsyncPolicy.never());
        for (int i = 0; i < 200; i++) {
            assertThat(spool.append(event(i, 100))).isTrue();
        }
        assertThat(segmentFiles()).as("a 64 KiB budget rolls 4 KiB segments").hasSizeGreaterThan(3);

        List<String> read = new ArrayList<>();
        List<Settlement> settlements = new ArrayList<>();
        while (spool.hasUnread()) {
            SpooledEvent next = spool.peek().orElseThrow();
            read.add(next.event().key());
            settlements.add(next.settlement());
            spool.take();
        }
        assertThat(read).containsExactlyElementsOf(keys(0, 200));

        settlements.forEach(Settlement::settle);
        spool.releaseSettled();
        assertThat(segmentFiles()).isEmpty();
        assertThat(spool.bytes()).isZero();
    }

    @Test
    void aSegmentStaysUntilEveryEventInItIsSettled() throws IOException {
        Spool spool = open(SMALL_BUDGET, FsyncPolicy.never());
        spool.append(event(0, 10));
        spool.append(event(1, 10));
        Settlement first = spool.peek().orElseThrow().settlement();
        spool.take();
        Settlement second = spool.peek().orElseThrow().settlement();
        spool.take();

        first.settle();
        spool.releaseSettled();
        assertThat(segmentFiles()).hasSize(1);

        second.settle();
        spool.releaseSettled();
        assertThat(segmentFiles()).isEmpty();
    }

    @Test
    void aReopenedSpoolReplaysEverythingNotYetReleasedFirst() {
        Spool first = open(SMALL_BUDGET, FsyncPolicy.never());
        for (int i = 0; i < 10; i++) {
            first.append(event(i, 50));
        }
        first.peek().orElseThrow().settlement().settle();
        first.take();
        first.close();

        Spool reopened = open(SMALL_BUDGET, FsyncPolicy.never());
        reopened.append(event(10, 50));

        assertThat(reopened.recoveredEvents()).as("at least once: the unreleased segment is replayed whole").isEqualTo(10);
        assertThat(readAll(reopened)).containsExactlyElementsOf(keys(0, 11));
    }

    @Test
    void recoveryCutsOffAFrameTornByACrash() throws IOException {
        Spool spool = open(SMALL_BUDGET, FsyncPolicy.never());
        for (int i = 0; i < 5; i++) {
            spool.append(event(i, 50));
        }
        spool.close();
        Path segment = segmentFiles().get(0);
        long intact = Files.size(segment);
        appendBytes(segment, ByteBuffer.allocate(12).putInt(200).putInt(0xCAFE).putInt(7).flip());

        Spool recovered = open(SMALL_BUDGET, FsyncPolicy.never());

        assertThat(recovered.recoveredEvents()).isEqualTo(5);
        assertThat(Files.size(segment)).isEqualTo(intact);
        recovered.append(event(5, 50));
        assertThat(readAll(recovered)).containsExactlyElementsOf(keys(0, 6));
    }

    @Test
    void recoveryCutsOffAFrameWhoseChecksumDoesNotMatch() throws IOException {
        Spool spool = open(SMALL_BUDGET, FsyncPolicy.never());
        for (int i = 0; i < 3; i++) {
            spool.append(event(i, 50));
        }
        spool.close();
        Path segment = segmentFiles().get(0);
        flipLastByte(segment);

        Spool recovered = open(SMALL_BUDGET, FsyncPolicy.never());

        assertThat(readAll(recovered)).containsExactly("key-0", "key-1");
    }

    @Test
    void aFileThatIsNotASegmentIsSetAside() throws IOException {
        Files.writeString(directory.resolve("00000000000000000007.spool"), "not a spool segment at all");

        Spool spool = open(SMALL_BUDGET, FsyncPolicy.never());

        assertThat(spool.hasUnread()).isFalse();
        assertThat(directory.resolve("00000000000000000007.spool.corrupt")).exists();
    }

    @Test
    void appendsBeyondTheBudgetAreRefusedUntilReplayFreesSpace() {
        Spool spool = open(SMALL_BUDGET, FsyncPolicy.never());
        int appended = 0;
        while (spool.append(event(appended, 1_000))) {
            appended++;
        }
        assertThat(spool.bytes()).isLessThanOrEqualTo(SMALL_BUDGET);
        assertThat(appended).isBetween(50, 64);

        while (spool.hasUnread()) {
            spool.peek().orElseThrow().settlement().settle();
            spool.take();
        }
        spool.releaseSettled();

        assertThat(spool.append(event(appended, 1_000))).isTrue();
    }

    @Test
    void everyRecordsPolicyForcesAfterThatManyAppends() {
        Spool spool = open(SMALL_BUDGET, FsyncPolicy.everyRecords(3));
        for (int i = 0; i < 7; i++) {
            spool.append(event(i, 10));
        }
        assertThat(spool.syncs()).isEqualTo(2);
    }

    @Test
    void intervalPolicyForcesOnlyOnceTheIntervalHasPassedSinceTheLastForce() {
        Spool spool = open(SMALL_BUDGET, FsyncPolicy.interval(Duration.ofHours(1)));
        spool.append(event(0, 10));
        spool.syncIfDue(System.nanoTime());
        assertThat(spool.syncs()).isZero();

        spool.syncIfDue(System.nanoTime() + Duration.ofHours(2).toNanos());
        assertThat(spool.syncs()).isEqualTo(1);
    }

    @Test
    void neverPolicyLeavesFlushingToTheOperatingSystemEvenAtClose() {
        Spool spool = open(SMALL_BUDGET, FsyncPolicy.never());
        spool.append(event(0, 10));
        spool.syncIfDue(Long.MAX_VALUE);
        spool.close();

        assertThat(spool.syncs()).isZero();
    }

    @Test
    void aSecondClientCannotUseTheSameDirectory() {
        open(SMALL_BUDGET, FsyncPolicy.never());

        assertThatThrownBy(() -> Spool.open(directory, SMALL_BUDGET, FsyncPolicy.never()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use by another client");
    }

    private Spool open(long maxBytes, FsyncPolicy fsync) {
        Spool spool = Spool.open(directory, maxBytes, fsync);
        opened.add(spool);
        return spool;
    }

    private static List<String> readAll(Spool spool) {
        List<String> keys = new ArrayList<>();
        while (spool.hasUnread()) {
            keys.add(spool.peek().orElseThrow().event().key());
            spool.take();
        }
        return keys;
    }

    private static EncodedEvent event(int number, int valueBytes) {
        byte[] value = ("value-" + number + "-").repeat(valueBytes / 8 + 1).substring(0, valueBytes).getBytes(StandardCharsets.UTF_8);
        return new EncodedEvent("llmwatch.spans.v1", "key-" + number, value);
    }

    private static List<String> keys(int from, int to) {
        return java.util.stream.IntStream.range(from, to).mapToObj(i -> "key-" + i).toList();
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".spool")).sorted().toList();
        }
    }

    private static void appendBytes(Path file, ByteBuffer bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.APPEND)) {
            channel.write(bytes);
        }
    }

    private static void flipLastByte(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            last.put(0, (byte) ~last.get(0));
            channel.write(last.rewind(), channel.size() - 1);
        }
    }
}
