package io.llmwatch.processor.detection.lifecycle;

/** Where one key's alert stands. Every key starts {@link #RESOLVED}: nothing is wrong. */
public enum Phase {
    /** No incident. */
    RESOLVED,
    /** The condition was breached, but not yet for long enough to fire. */
    PENDING,
    /** An alert is out. */
    FIRING,
    /** The condition cleared, but not yet for long enough to resolve. */
    RESOLVING
}
