package io.llmwatch.launcher.simulator;

/**
 * A user's rating of an answer, sent after it as a feedback event.
 *
 * @param score   1 for thumbs up, 0 for thumbs down
 * @param comment what the user wrote, or null
 */
public record UserFeedback(String traceId, String name, double score, String comment) {
}
