package io.llmwatch.processor.detection.drift;

import java.util.Objects;

/**
 * One version of a prompt template.
 *
 * @param templateSha256 the prompt hash, which identifies the version; when an app sends only a version number, the
 *                       caller may pass {@code "v" + number} instead
 * @param number         the registry's version number, for people; {@code null} when unknown
 */
public record PromptVersion(String templateSha256, Integer number) {

    private static final int SHORT_HASH = 12;

    public PromptVersion {
        Objects.requireNonNull(templateSha256, "templateSha256");
    }

    /** How summaries name the version, e.g. {@code v4 (3f2a9c1b07de)}. */
    public String label() {
        String shortHash = templateSha256.substring(0, Math.min(SHORT_HASH, templateSha256.length()));
        return number == null ? shortHash : "v" + number + " (" + shortHash + ")";
    }

    boolean sameAs(PromptVersion other) {
        return other != null && templateSha256.equals(other.templateSha256);
    }
}
