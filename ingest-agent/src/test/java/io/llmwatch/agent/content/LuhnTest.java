package io.llmwatch.agent.content;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LuhnTest {

    @Test
    void validNumbersPassWhateverTheirSeparators() {
        assertThat(Luhn.isValid("79927398713")).isTrue();
        assertThat(Luhn.isValid("4111 1111 1111 1111")).isTrue();
        assertThat(Luhn.isValid("3782-822463-10005")).isTrue();
    }

    @Test
    void aChangedDigitOrSwappedNeighboursFail() {
        assertThat(Luhn.isValid("79927398710")).isFalse();
        assertThat(Luhn.isValid("4111111111111121")).isFalse();
    }
}
