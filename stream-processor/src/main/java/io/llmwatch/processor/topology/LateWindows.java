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

    private final List<String> labels;
    /** Sizes and graces in milliseconds, by window: read for every call, so not converted from durations each time. */
    private final long[] sizes;
    private final long[] graces;

    LateWindows(List<WindowSpec> windows) {
        this.labels = windows.stream().map(WindowSpec::label).toList();
        this.sizes = windows.stream().mapToLong(window -> window.size().toMillis()).toArray();
        this.graces = windows.stream().mapToLong(window -> window.grace().toMillis()).toArray();
    }

    /**
     * @param timestamp  the record's event time
     * @param streamTime the newest event time seen, the record's included
     * @return the labels of the windows that refuse the record, joined by {@link #LABEL_SEPARATOR}; empty when it is on time
     */
    String refusing(long timestamp, long streamTime) {
        StringJoiner refused = null;
        for (int i = 0; i < sizes.length; i++) {
            long windowEnd = timestamp - Math.floorMod(timestamp, sizes[i]) + sizes[i];
            if (windowEnd <= streamTime - graces[i]) {
                refused = refused == null ? new StringJoiner(LABEL_SEPARATOR) : refused;
                refused.add(labels.get(i));
            }
        }
        return refused == null ? "" : refused.toString();
    }
}
