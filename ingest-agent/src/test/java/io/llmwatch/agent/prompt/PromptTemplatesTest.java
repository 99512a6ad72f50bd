package io.llmwatch.agent.prompt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromptTemplatesTest {

    @Test
    void theHashIsSha256OfTheNormalisedTemplateInLowercaseHex() {
        assertThat(PromptTemplates.versionHash("hello"))
                .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    }

    @Test
    void lineEndingsTrailingWhitespaceAndSurroundingBlankLinesDoNotChangeTheHash() {
        String template = "You are a support agent.\nAnswer: {{question}}";

        assertThat(PromptTemplates.versionHash("You are a support agent.\r\nAnswer: {{question}}"))
                .isEqualTo(PromptTemplates.versionHash(template));
        assertThat(PromptTemplates.versionHash("You are a support agent.\rAnswer: {{question}}"))
                .isEqualTo(PromptTemplates.versionHash(template));
        assertThat(PromptTemplates.versionHash("\n\n  You are a support agent.   \t\nAnswer: {{question}}  \n\n"))
                .isEqualTo(PromptTemplates.versionHash(template));
    }

    @Test
    void composedAndDecomposedAccentsHashAlike() {
        assertThat(PromptTemplates.versionHash("R\u00e9sum\u00e9")).isEqualTo(PromptTemplates.versionHash("Re\u0301sume\u0301"));
    }

    @Test
    void whatTheModelReadsDoesChangeTheHash() {
        String template = "Answer:\n  - briefly";

        assertThat(PromptTemplates.versionHash("Answer:\n- briefly")).as("indentation")
                .isNotEqualTo(PromptTemplates.versionHash(template));
        assertThat(PromptTemplates.versionHash("Answer:\n  -  briefly")).as("inner spaces")
                .isNotEqualTo(PromptTemplates.versionHash(template));
        assertThat(PromptTemplates.versionHash("Answer:\n\n  - briefly")).as("inner blank line")
                .isNotEqualTo(PromptTemplates.versionHash(template));
    }

    @Test
    void normalisationIsIdempotent() {
        String normalized = PromptTemplates.normalize("  a \r\n\r\n b\t\n");

        assertThat(normalized).isEqualTo("a\n\n b");
        assertThat(PromptTemplates.normalize(normalized)).isEqualTo(normalized);
    }
}
