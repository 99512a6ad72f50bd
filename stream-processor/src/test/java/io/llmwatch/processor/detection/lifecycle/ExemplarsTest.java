package io.llmwatch.processor.detection.lifecycle;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExemplarsTest {

    @Test
    void keepsTheNewestTracesOnceEach() {
        Exemplars exemplars = Exemplars.none();
        for (String traceId : new String[] {"a", "b", "c", "d", "e", "f", "c"}) {
            exemplars = exemplars.with(traceId);
        }

        assertThat(exemplars.traceIds()).containsExactly("b", "d", "e", "f", "c");
    }
}
