package io.llmwatch.processor.detection.signal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The signals of one detector key gathered within a task between two flushes of {@link SignalBatcher},
 * in the order they arrived. A batch grows only while its batcher owns it; once forwarded it is read only.
 */
public final class SignalBatch {

    private final List<CallSignal> signals;
    private long newestTimestamp = Long.MIN_VALUE;

    public SignalBatch() {
        this.signals = new ArrayList<>();
    }

    SignalBatch(List<CallSignal> signals, long newestTimestamp) {
        this.signals = new ArrayList<>(signals);
        this.newestTimestamp = newestTimestamp;
    }

    /** @param timestamp the timestamp of the record that brought the signal (a call's or a feedback's) */
    void add(CallSignal signal, long timestamp) {
        signals.add(signal);
        newestTimestamp = Math.max(newestTimestamp, timestamp);
    }

    public List<CallSignal> signals() {
        return Collections.unmodifiableList(signals);
    }

    /** The timestamp a forwarded batch carries, the newest of its records': detectors stamp their alerts with it. */
    public long newestTimestamp() {
        return newestTimestamp;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignalBatch batch && signals.equals(batch.signals) && newestTimestamp == batch.newestTimestamp;
    }

    @Override
    public int hashCode() {
        return 31 * signals.hashCode() + Long.hashCode(newestTimestamp);
    }

    @Override
    public String toString() {
        return "SignalBatch" + signals + "@" + newestTimestamp;
    }
}
