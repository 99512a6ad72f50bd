package io.llmwatch.agent.content;

import io.llmwatch.schemas.span.Content;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentCaptureTest {

    @Test
    void hashesOnlyKeepsTheTextInTheProcess() {
        Content content = ContentCapture.HASHES_ONLY.capture("hello", "hi there");

        assertThat(content.getPromptSha256()).isEqualTo(Sha256.hex("hello"));
        assertThat(content.getPromptLength()).isEqualTo(5);
        assertThat(content.getResponseSha256()).isEqualTo(Sha256.hex("hi there"));
        assertThat(content.getResponseLength()).isEqualTo(8);
        assertThat(content.getPromptText()).isNull();
        assertThat(content.getResponseText()).isNull();
    }

    @Test
    void capturedTextIsRedactedWhileHashAndLengthDescribeTheOriginal() {
        String prompt = "Mail me at jane.doe@example.com";

        Content content = ContentCapture.redactedText(Redactor.BUILT_IN).capture(prompt, "hi there");

        assertThat(content.getPromptText()).isEqualTo("Mail me at [redacted:email]");
        assertThat(content.getPromptSha256()).isEqualTo(Sha256.hex(prompt));
        assertThat(content.getPromptLength()).isEqualTo(prompt.length());
        assertThat(content.getResponseText()).isEqualTo("hi there");
    }

    @Test
    void unknownTextLeavesItsFieldsEmpty() {
        Content content = ContentCapture.redactedText(Redactor.BUILT_IN).capture(null, null);

        assertThat(content.getPromptSha256()).isNull();
        assertThat(content.getPromptLength()).isNull();
        assertThat(content.getResponseText()).isNull();
    }
}
