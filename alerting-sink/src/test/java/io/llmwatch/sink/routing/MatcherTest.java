package io.llmwatch.sink.routing;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MatcherTest {

    private static final Map<String, String> LABELS = Map.of("tenant", "acme", "type", "cost_spike");

    @Test
    void readsTheFourAlertmanagerOperators() {
        assertThat(Matcher.parse("tenant=acme")).isEqualTo(new Matcher("tenant", Matcher.Operator.EQUAL, "acme"));
        assertThat(Matcher.parse("tenant != \"acme\"")).isEqualTo(new Matcher("tenant", Matcher.Operator.NOT_EQUAL, "acme"));
        assertThat(Matcher.parse("type=~cost_.*")).isEqualTo(new Matcher("type", Matcher.Operator.REGEX, "cost_.*"));
        assertThat(Matcher.parse("type!~cost")).isEqualTo(new Matcher("type", Matcher.Operator.NOT_REGEX, "cost"));
    }

    @Test
    void regexesMatchTheWholeValueAndMissingLabelsAreEmpty() {
        assertThat(Matcher.parse("type=~cost").matches(LABELS)).isFalse();
        assertThat(Matcher.parse("type=~cost.*").matches(LABELS)).isTrue();
        assertThat(Matcher.parse("type!~cost").matches(LABELS)).isTrue();
        assertThat(Matcher.parse("user=").matches(LABELS)).isTrue();
        assertThat(Matcher.parse("tenant!=acme").matches(LABELS)).isFalse();
    }

    @Test
    void rejectsWhatIsNotAMatcher() {
        assertThatIllegalArgumentException().isThrownBy(() -> Matcher.parse("tenant"));
        assertThatIllegalArgumentException().isThrownBy(() -> Matcher.parse("=acme"));
        assertThatIllegalArgumentException().isThrownBy(() -> Matcher.parse("type=~("));
    }
}
