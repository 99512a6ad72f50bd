package io.llmwatch.processor.detection.lifecycle;

/**
 * What one evaluation of a detector's condition says. Detectors test firing and resolving against different
 * thresholds, so between the two there is a band, {@link #BORDERLINE}, that neither fires nor resolves: a series
 * hovering near the firing threshold cannot resolve and fire again.
 */
public enum Reading {
    /** The firing condition holds. */
    BREACHED,
    /** Neither condition holds, or there is not enough data to tell. */
    BORDERLINE,
    /** The resolving condition holds: clearly back to normal. */
    CLEAR
}
