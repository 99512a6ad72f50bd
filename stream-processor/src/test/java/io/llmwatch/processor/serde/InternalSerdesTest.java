package io.llmwatch.processor.serde;

import io.llmwatch.processor.batching.Batch;
import io.llmwatch.processor.cost.CostAggregate;
import io.llmwatch.processor.prompt.PromptCall;
import io.llmwatch.processor.prompt.PromptFeedback;
import io.llmwatch.processor.prompt.PromptObservation;
import io.llmwatch.processor.prompt.QualityTally;
import io.llmwatch.processor.stats.LatencySketch;
import io.llmwatch.processor.trace.CollectedTrace;
import io.llmwatch.processor.trace.SpanKind;
import io.llmwatch.processor.trace.TraceSpan;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InternalSerdesTest {

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    @Test
    void keepsMoneyExactToTheLastDigitAndScale() {
        LatencySketch latency = LatencySketch.EMPTY.add(0).add(1).add(812).add(812).add(604_800_000L);
        CostAggregate aggregate = new CostAggregate(new BigDecimal("12345678901234.000000000000123400"), 3, 1, 1,
                Long.MAX_VALUE, 0, -1, latency);

        CostAggregate read = roundTrip(InternalSerdes.COST_AGGREGATE, aggregate);

        assertThat(read).isEqualTo(aggregate);
        assertThat(read.costUsd().scale()).isEqualTo(aggregate.costUsd().scale());
        assertThat(read.latency().quantile(0.5)).isEqualTo(latency.quantile(0.5));
    }

    @Test
    void readsBackTracesWithUnpricedAndToolSpans() {
        CollectedTrace trace = new CollectedTrace("4bf92f3577b34da6", null, List.of(
                new TraceSpan("a0", null, "agent", SpanKind.values()[0], "invoke_agent", null, null, null,
                        1_000_000_000L, 2_600_000_000L, 0, 0, BigDecimal.ZERO, null),
                new TraceSpan("b1", "a0", "chat", SpanKind.values()[SpanKind.values().length - 1], "chat", "gpt-x",
                        "answer@7", "answer", 1_100_000_000L, 1_900_000_000L, 1_000, 500, null, "timeout")), 2);

        assertThat(roundTrip(InternalSerdes.COLLECTED_TRACE, trace)).isEqualTo(trace);
    }

    @Test
    void tellsCallsFromFeedbackOnThePromptRepartition() {
        PromptObservation call = new PromptCall("answer", "7", 1_700_000_000_000L, 812, 2_000, 300,
                new BigDecimal("0.00048"), false, null);
        PromptObservation feedback = new PromptFeedback("answer", "7", 0.75);

        Batch<PromptObservation> batch = new Batch<>();
        batch.add(call, 1_700_000_000_000L);
        batch.add(feedback, 1_700_000_060_000L);

        assertThat(roundTrip(InternalSerdes.PROMPT_OBSERVATIONS, batch)).isEqualTo(batch);
    }

    @Test
    void readsBackAVersionsQualityTallyExactly() {
        QualityTally tally = QualityTally.EMPTY.plus(0.1).plus(0.7).plus(1.0 / 3);

        assertThat(roundTrip(InternalSerdes.QUALITY_TALLY, tally)).isEqualTo(tally);
    }

    @Test
    void refusesBytesOfAnotherFormatWithTheTypeInTheMessage() {
        assertThatThrownBy(() -> InternalSerdes.COST_AGGREGATE.deserializer().deserialize("t", "{\"costUsd\":1}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("CostAggregate");
    }
}
