package io.llmwatch.processor.detection;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertFactoryTest {

    private final MockProcessorContext<String, String> context = new MockProcessorContext<>();

    @Test
    void anAlertDecidedByACallOfALaggingPartitionCarriesTheNewestEventTimeAlreadySeen() {
        context.setCurrentStreamTimeMs(1_000_000);

        long stamped = AlertFactory.decidedAt(context, new Record<>("key", "late call", 990_000));

        assertThat(stamped).isEqualTo(1_000_000);
    }

    @Test
    void anAlertDecidedByTheNewestCallCarriesItsEventTime() {
        context.setCurrentStreamTimeMs(1_000_000);

        assertThat(AlertFactory.decidedAt(context, new Record<>("key", "newest call", 1_000_500))).isEqualTo(1_000_500);
    }
}
