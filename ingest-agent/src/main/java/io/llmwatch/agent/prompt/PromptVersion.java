package io.llmwatch.agent.prompt;

/**
 * One version of a named prompt template, as carried by every span built from it.
 *
 * @param name           the template's name, e.g. {@code support-answer}
 * @param version        1 for the first distinct template registered under this name, 2 for the next, ...
 * @param templateSha256 {@link PromptTemplates#versionHash} of the template: the stable identity of the version
 */
public record PromptVersion(String name, int version, String templateSha256) {
}
