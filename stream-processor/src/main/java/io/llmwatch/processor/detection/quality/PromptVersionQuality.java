package io.llmwatch.processor.detection.quality;

import io.llmwatch.processor.detection.comparison.SeriesState;
import io.llmwatch.processor.detection.comparison.WindowSizes;

import java.util.Objects;

/**
 * The quality series of one score name of one model × prompt: the current prompt version's and the one before it.
 * Two, because a rollout runs both for a while; no more, so memory per key stays bounded however many versions come.
 *
 * @param version         the newest version seen, e.g. {@code support-answer@3}
 * @param series          its quality series
 * @param previousVersion the version before it; {@code null} until there was a change
 * @param previous        the previous version's series; {@code null} until there was a change
 */
public record PromptVersionQuality(String version, SeriesState series, String previousVersion, SeriesState previous) {

    public PromptVersionQuality {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(series, "series");
    }

    /** The state of a key whose first version has its first score. */
    public static PromptVersionQuality first(String version, SeriesState series) {
        return new PromptVersionQuality(version, series, null, null);
    }

    /**
     * The series a score of {@code scoredVersion} goes into. A version never seen before has no history of its own,
     * so it starts out judged against the current version's scores: a new version worse than the one it replaces
     * is caught as soon as it has enough scores.
     */
    public SeriesState seriesOf(String scoredVersion, WindowSizes sizes) {
        if (scoredVersion.equals(version)) {
            return series;
        }
        if (scoredVersion.equals(previousVersion)) {
            return previous;
        }
        return SeriesState.succeeding(series, sizes);
    }

    /** The same with {@code scoredVersion}'s series updated; a new version becomes current and the oldest is dropped. */
    public PromptVersionQuality with(String scoredVersion, SeriesState updated) {
        if (scoredVersion.equals(version)) {
            return new PromptVersionQuality(version, updated, previousVersion, previous);
        }
        if (scoredVersion.equals(previousVersion)) {
            return new PromptVersionQuality(version, series, previousVersion, updated);
        }
        return new PromptVersionQuality(scoredVersion, updated, version, series);
    }
}
