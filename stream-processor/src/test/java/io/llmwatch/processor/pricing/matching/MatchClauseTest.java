package io.llmwatch.processor.pricing.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MatchClauseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void textClausesIgnoreCase() throws JsonProcessingException {
        assertThat(clause("{\"starts_with\": \"MiniMax-M\"}").matches("minimax-m2")).isTrue();
        assertThat(clause("{\"ends_with\": \"-Latest\"}").matches("mistral-large-latest")).isTrue();
        assertThat(clause("{\"contains\": \"Claude\"}").matches("us.anthropic.claude-3")).isTrue();
        assertThat(clause("{\"equals\": \"GPT-4o\"}").matches("gpt-4o")).isTrue();
        assertThat(clause("{\"equals\": \"gpt-4o\"}").matches("gpt-4o-mini")).isFalse();
    }

    @Test
    void aRegexIsSearchedForAnywhereAndAppliedAsWritten() throws JsonProcessingException {
        MatchClause mistral = clause("{\"regex\": \"(?:mi|code|dev|magi|mini)stral\"}");

        assertThat(mistral.matches("open-mixtral-codestral-22b")).isTrue();
        assertThat(mistral.matches("CODESTRAL")).isFalse();
        assertThat(clause("{\"regex\": \"^o[134]\"}").matches("gpt-o3")).isFalse();
    }

    @Test
    void orAndAndCombineClauses() throws JsonProcessingException {
        MatchClause huggingfaceGroq = clause("{\"and\": [{\"contains\": \"huggingface\"}, {\"contains\": \"groq\"}]}");
        MatchClause bedrock = clause("{\"or\": [{\"contains\": \"bedrock\"}, {\"contains\": \"amazon\"}]}");

        assertThat(huggingfaceGroq.matches("huggingface_groq")).isTrue();
        assertThat(huggingfaceGroq.matches("groq")).isFalse();
        assertThat(bedrock.matches("amazon")).isTrue();
        assertThat(bedrock.matches("aws")).isFalse();
    }

    @Test
    void rejectsAnythingButExactlyOneKnownClause() {
        assertThatThrownBy(() -> clause("{\"prefix\": \"gpt\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown match clause 'prefix'");
        assertThatThrownBy(() -> clause("{\"equals\": \"a\", \"contains\": \"b\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one key");
        assertThatThrownBy(() -> clause("{\"or\": {\"equals\": \"a\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("array of clauses");
    }

    private static MatchClause clause(String json) throws JsonProcessingException {
        return MatchClause.fromJson(JSON.readTree(json));
    }
}
