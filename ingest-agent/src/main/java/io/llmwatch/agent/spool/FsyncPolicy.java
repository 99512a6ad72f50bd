package io.llmwatch.agent.spool;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * When the spool forces its writes to the storage device. Every append reaches the operating system at
 * once, so a crash of the application loses nothing already spooled; the policy decides how much a crash of
 * the whole machine may lose, against the cost of an fsync.
 *
 * <p>Written as text (for properties and environment variables): {@code never}, {@code records:<n>} or
 * {@code interval-ms:<n>}.
 */
public sealed interface FsyncPolicy {

    /** Leaves flushing to the operating system: fastest, and a machine crash loses what it had not written yet. */
    static FsyncPolicy never() {
        return new Never();
    }

    /** Forces after every {@code records} appended events; {@code everyRecords(1)} loses nothing acknowledged by the spool. */
    static FsyncPolicy everyRecords(int records) {
        return new EveryRecords(records);
    }

    /** Forces at most {@code interval} after an append, however few events came since the last force. */
    static FsyncPolicy interval(Duration interval) {
        return new Interval(interval);
    }

    /**
     * Reads the text form.
     *
     * @throws IllegalArgumentException if {@code text} is none of {@code never}, {@code records:<n>}, {@code interval-ms:<n>}
     */
    static FsyncPolicy parse(String text) {
        String policy = text.strip().toLowerCase(Locale.ROOT);
        if (policy.equals(Never.TEXT)) {
            return never();
        }
        if (policy.startsWith(EveryRecords.PREFIX)) {
            return everyRecords(Integer.parseInt(policy.substring(EveryRecords.PREFIX.length())));
        }
        if (policy.startsWith(Interval.PREFIX)) {
            return interval(Duration.ofMillis(Long.parseLong(policy.substring(Interval.PREFIX.length()))));
        }
        throw new IllegalArgumentException("expected never, records:<n> or interval-ms:<n>");
    }

    /** Whether a force is due, {@code unsyncedRecords} appends and {@code nanosSinceSync} after the last one. */
    boolean isDue(int unsyncedRecords, long nanosSinceSync);

    /** The text form, which {@link #parse} reads back. */
    @Override
    String toString();

    record Never() implements FsyncPolicy {

        private static final String TEXT = "never";

        @Override
        public boolean isDue(int unsyncedRecords, long nanosSinceSync) {
            return false;
        }

        @Override
        public String toString() {
            return TEXT;
        }
    }

    record EveryRecords(int records) implements FsyncPolicy {

        private static final String PREFIX = "records:";

        public EveryRecords {
            if (records <= 0) {
                throw new IllegalArgumentException("records must be positive, was " + records);
            }
        }

        @Override
        public boolean isDue(int unsyncedRecords, long nanosSinceSync) {
            return unsyncedRecords >= records;
        }

        @Override
        public String toString() {
            return PREFIX + records;
        }
    }

    record Interval(Duration interval) implements FsyncPolicy {

        private static final String PREFIX = "interval-ms:";

        public Interval {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be positive, was " + interval);
            }
        }

        @Override
        public boolean isDue(int unsyncedRecords, long nanosSinceSync) {
            return unsyncedRecords > 0 && nanosSinceSync >= interval.toNanos();
        }

        @Override
        public String toString() {
            return PREFIX + interval.toMillis();
        }
    }
}
