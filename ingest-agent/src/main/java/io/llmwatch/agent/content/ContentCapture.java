package io.llmwatch.agent.content;

import io.llmwatch.schemas.span.Content;

/**
 * What of a prompt and its response leaves the process. By default only their SHA-256 hashes and
 * lengths do: enough to group identical prompts and spot outliers, nothing a user typed.
 */
public enum ContentCapture {

    /** Hashes and lengths only; the default. */
    HASHES_ONLY,

    /** Hashes, lengths and the text itself; the application opted in. */
    FULL_TEXT;

    /** The event's content block for this prompt and response; either may be null when unknown. */
    public Content capture(String promptText, String responseText) {
        boolean withText = this == FULL_TEXT;
        return Content.newBuilder()
                .setPromptSha256(promptText == null ? null : Sha256.hex(promptText))
                .setPromptLength(promptText == null ? null : promptText.length())
                .setPromptText(withText ? promptText : null)
                .setResponseSha256(responseText == null ? null : Sha256.hex(responseText))
                .setResponseLength(responseText == null ? null : responseText.length())
                .setResponseText(withText ? responseText : null)
                .build();
    }
}
