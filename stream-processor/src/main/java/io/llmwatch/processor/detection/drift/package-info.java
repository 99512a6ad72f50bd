/**
 * Prompt drift: how a prompt's calls changed when its template changed, and how one version's calls change over
 * time, indicator by indicator; the report is what {@code GET /api/prompts/{name}/drift} returns.
 */
package io.llmwatch.processor.detection.drift;
