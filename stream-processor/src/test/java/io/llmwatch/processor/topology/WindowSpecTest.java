package io.llmwatch.processor.topology;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WindowSpecTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void namesItsStoreAfterItsLabel() {
        assertThat(new WindowSpec("5m", FIVE_MINUTES, Duration.ZERO, FIVE_MINUTES).storeName()).isEqualTo("cost-by-dimension-5m");
    }

    @Test
    void refusesALabelThatCannotNameAChangelogTopicOrBeListedInTheLateHeader() {
        assertThatIllegalArgumentException().isThrownBy(() -> new WindowSpec("5m,1h", FIVE_MINUTES, Duration.ZERO, FIVE_MINUTES))
                .withMessageContaining("'5m,1h'");
        assertThatIllegalArgumentException().isThrownBy(() -> new WindowSpec("five minutes", FIVE_MINUTES, Duration.ZERO, FIVE_MINUTES));
        assertThatIllegalArgumentException().isThrownBy(() -> new WindowSpec("", FIVE_MINUTES, Duration.ZERO, FIVE_MINUTES));
    }

    @Test
    void refusesARetentionShorterThanSizeAndGrace() {
        assertThatIllegalArgumentException().isThrownBy(() -> new WindowSpec("5m", FIVE_MINUTES, Duration.ofMinutes(1), FIVE_MINUTES))
                .withMessageContaining("shorter than size + grace");
    }
}
