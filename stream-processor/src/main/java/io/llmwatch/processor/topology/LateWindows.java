package io.llmwatch.processor.topology;

import java.util.List;
import java.util.StringJoiner;

/**
 * Kafka Streams' windowed-aggregation rule for late records, for every window size at once: a window whose end is at
 * or before stream time minus its grace is closed, and a record that falls in it is late.
 *
 * <p>Cost attribution applies it where the calls are read, against the stream time of the task reading them (the
 * newest event time of its input partitions). After the repartition by dimension a window's partials come from
 * every upstream task, and while a processor catches up on a backlog those tasks run minutes of event time apart;
 * judged there, the lagging tasks' partials would be refused for the minute windows although no call in them was
 * late in its own partition.
 */
final class LateWindows {

    /** Separates window labels in a refusal; never part of a label ({@link WindowSpec} labels are name characters). */
    static final String LABEL_SEPARATOR = ",";

    private final List<WindowSpec> windows;

    LateWindows(List<WindowSpec> windows) {
        this.windows = List.copyOf(windows);
    }

    /**
     * @param timestamp  the record's event time
     * @param streamTime the newest event time seen, the record's included
     * @return the labels of the windows that refuse the record, joined by {@link #LABEL_SEPARATOR}; empty when it is on time
     */
    String refusing(long timestamp, long streamTime) {
        StringJoiner refused = null;
        for (WindowSpec window : windows) {
            long size = window.size().toMillis();
            long windowEnd = timestamp - Math.floorMod(timestamp, size) + size;
            if (windowEnd <= streamTime - window.grace().toMillis()) {
                refused = refused == null ? new StringJoiner(LABEL_SEPARATOR) : refused;
                refused.add(window.label());
            }
        }
        return refused == null ? "" : refused.toString();
    }
}
