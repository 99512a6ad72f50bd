package io.llmwatch.agent.prompt;

import io.llmwatch.agent.content.Sha256;

import java.text.Normalizer;
import java.util.stream.Collectors;

/**
 * The version hash of a prompt template: SHA-256 of its normalised text. Normalising first means an edit
 * that changes what the model reads changes the hash, while an editor's or an OS's invisible habits do not.
 */
public final class PromptTemplates {

    private PromptTemplates() {
    }

    /**
     * The canonical text of a template:
     * <ol>
     *   <li>Unicode NFC, so the same visible characters typed on different systems become the same code points;</li>
     *   <li>CRLF and CR line endings become LF;</li>
     *   <li>trailing whitespace is removed from every line;</li>
     *   <li>leading and trailing blank space of the whole template is removed.</li>
     * </ol>
     * Whitespace inside a line and indentation are kept: they reach the model.
     */
    public static String normalize(String template) {
        // lines() splits at LF, CR and CRLF alike, so joining with LF is what unifies the line endings.
        return Normalizer.normalize(template, Normalizer.Form.NFC).lines()
                .map(String::stripTrailing)
                .collect(Collectors.joining("\n"))
                .strip();
    }

    /** SHA-256 (lowercase hex) of the {@linkplain #normalize normalised} template. */
    public static String versionHash(String template) {
        return Sha256.hex(normalize(template));
    }
}
