package io.llmwatch.processor.detection.drift;

/**
 * Everything known about one prompt's drift, as {@code GET /api/prompts/{name}/drift} returns it.
 *
 * @param versionChange the current version against the previous one; {@code null} until there was a change and both
 *                      versions have enough calls
 * @param overTime      the current version's newest calls against its earlier ones; {@code null} until it has enough
 */
public record PromptDrift(DriftReport versionChange, DriftReport overTime) {
}
