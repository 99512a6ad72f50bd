package io.llmwatch.agent.prompt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptRegistryTest {

    private final PromptRegistry registry = new PromptRegistry();

    @Test
    void eachDistinctTemplateOfANameGetsTheNextVersion() {
        PromptVersion first = registry.register("support-answer", "Answer politely: {{q}}");
        PromptVersion second = registry.register("support-answer", "Answer politely and briefly: {{q}}");

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.name()).isEqualTo("support-answer");
        assertThat(second.templateSha256()).isEqualTo(PromptTemplates.versionHash("Answer politely and briefly: {{q}}"));
    }

    @Test
    void registeringAKnownTemplateAgainReturnsItsVersion() {
        PromptVersion first = registry.register("support-answer", "Answer politely: {{q}}");
        registry.register("support-answer", "Answer rudely: {{q}}");

        PromptVersion again = registry.register("support-answer", "Answer politely: {{q}}  \r\n");

        assertThat(again).isEqualTo(first);
    }

    @Test
    void namesAreVersionedIndependently() {
        registry.register("support-answer", "v1");
        registry.register("support-answer", "v2");

        PromptVersion other = registry.register("summarize", "v2");

        assertThat(other.version()).isEqualTo(1);
        assertThat(other.templateSha256()).isEqualTo(registry.register("support-answer", "v2").templateSha256());
    }

    @Test
    void aPromptNeedsAName() {
        assertThatThrownBy(() -> registry.register(" ", "template")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.register(null, "template")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> registry.register("name", null)).isInstanceOf(NullPointerException.class);
    }
}
