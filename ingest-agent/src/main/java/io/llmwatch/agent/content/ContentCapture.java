package io.llmwatch.agent.content;

import io.llmwatch.schemas.span.Content;

import java.util.Objects;

/**
 * What of a prompt and its response leaves the process. By default only their SHA-256 hashes and
 * lengths do: enough to group identical prompts and spot outliers, nothing a user typed. An application
 * that opts in also sends the text, redacted first.
 *
 * <p>Hashes and lengths are always those of the original text, so turning capture on or off never
 * changes how identical prompts group.
 */
public final class ContentCapture {

    /** Hashes and lengths only; the default. */
    public static final ContentCapture HASHES_ONLY = new ContentCapture(null);

    /** Null when no text is sent. */
    private final Redactor redactor;

    private ContentCapture(Redactor redactor) {
        this.redactor = redactor;
    }

    /** Hashes, lengths and the text as {@code redactor} leaves it. */
    public static ContentCapture redactedText(Redactor redactor) {
        return new ContentCapture(Objects.requireNonNull(redactor, "redactor"));
    }

    /**
     * The event's content block for this prompt and response; either may be null when unknown. Redaction
     * happens here, so call it off the application's thread.
     */
    public Content capture(String promptText, String responseText) {
        boolean withText = redactor != null;
        Content content = new Content();
        content.setPromptSha256(promptText == null ? null : Sha256.hex(promptText));
        content.setPromptLength(promptText == null ? null : promptText.length());
        content.setPromptText(withText ? redactor.redact(promptText) : null);
        content.setResponseSha256(responseText == null ? null : Sha256.hex(responseText));
        content.setResponseLength(responseText == null ? null : responseText.length());
        content.setResponseText(withText ? redactor.redact(responseText) : null);
        return content;
    }
}
