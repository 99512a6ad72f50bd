package io.llmwatch.processor.topology;

import io.llmwatch.processor.cost.CostAggregate;
import io.llmwatch.processor.cost.Dimension;
import io.llmwatch.processor.cost.PricedSpan;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.state.PreCommitHook;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DimensionPreAggregatorTest {

    private static final Instant MINUTE_ZERO = Instant.parse("2026-11-26T10:00:00Z");
    private static final SpanCostCalculator PRICING = new SpanCostCalculator(PriceCatalog.bundled());
    private static final int DIMENSIONS = Dimension.values().length;

    private final MockProcessorContext<String, CostAggregate> context = new MockProcessorContext<>();
    private final PreCommitHook hook = PreCommitHook.builder("partials").build();
    private final DimensionPreAggregator aggregator = new DimensionPreAggregator("partials", Duration.ofMinutes(1),
            Duration.ofSeconds(1), new LateWindows(TopologySettings.DEFAULTS.windows()));

    @BeforeEach
    void start() {
        hook.init(context.getStateStoreContext(), hook);
        context.addStateStore(hook);
        context.setCurrentStreamTimeMs(MINUTE_ZERO.toEpochMilli());
        aggregator.init(context);
    }

    @Test
    void forwardsOnePartialPerDimensionAndBucketForEverythingAddedSinceTheLastCommit() {
        for (int second = 10; second < 15; second++) {
            read(MINUTE_ZERO.plusSeconds(second));
        }
        read(MINUTE_ZERO.plusSeconds(70));
        assertThat(context.forwarded()).as("nothing crosses before the commit").isEmpty();

        hook.flushCache();

        List<Record<? extends String, ? extends CostAggregate>> sent = forwarded();
        assertThat(sent).hasSize(2 * DIMENSIONS);
        assertThat(sent.subList(0, DIMENSIONS)).allSatisfy(partial -> {
            assertThat(partial.timestamp()).isEqualTo(MINUTE_ZERO.toEpochMilli());
            assertThat(partial.value().calls()).isEqualTo(5);
            assertThat(partial.value().costUsd()).isEqualByComparingTo("0.0375");
            assertThat(partial.headers().toArray()).isEmpty();
        });
        assertThat(sent.subList(DIMENSIONS, sent.size())).allSatisfy(partial -> {
            assertThat(partial.timestamp()).isEqualTo(MINUTE_ZERO.plusSeconds(60).toEpochMilli());
            assertThat(partial.value().calls()).isEqualTo(1);
        });
    }

    @Test
    void forwardsEachCallOnceWhetherAPunctuationOrACommitComesFirst() {
        read(MINUTE_ZERO.plusSeconds(10));
        context.scheduledPunctuators().forEach(scheduled -> scheduled.getPunctuator().punctuate(0));
        hook.flushCache();
        read(MINUTE_ZERO.plusSeconds(20));
        hook.flushCache();
        context.scheduledPunctuators().forEach(scheduled -> scheduled.getPunctuator().punctuate(0));

        assertThat(forwarded()).hasSize(2 * DIMENSIONS).allSatisfy(partial -> assertThat(partial.value().calls()).isEqualTo(1));
    }

    @Test
    void keepsCallsLateInTheirOwnTasksStreamTimeApartAndNamesTheWindowsThatRefuseThem() {
        read(MINUTE_ZERO.plus(Duration.ofMinutes(1)));
        context.setCurrentStreamTimeMs(MINUTE_ZERO.plus(Duration.ofMinutes(3)).toEpochMilli());
        read(MINUTE_ZERO.plus(Duration.ofMinutes(1)));

        hook.flushCache();

        List<Record<? extends String, ? extends CostAggregate>> sent = forwarded();
        assertThat(sent).hasSize(2 * DIMENSIONS).allSatisfy(partial -> assertThat(partial.value().calls()).isEqualTo(1));
        assertThat(sent).filteredOn(partial -> partial.headers().lastHeader(CostWindowAggregator.LATE_WINDOWS_HEADER) != null)
                .hasSize(DIMENSIONS)
                .allSatisfy(partial -> assertThat(lateWindows(partial)).isEqualTo("1m"));
    }

    /** One gpt-4o call ending at {@code end}, read when it is the newest the task has seen unless a test moved stream time on. */
    private void read(Instant end) {
        context.setCurrentStreamTimeMs(Math.max(context.currentStreamTimeMs(), end.toEpochMilli()));
        PricedSpan call = PricedSpan.of(TestSpans.llmCall(end, "openai", "gpt-4o", "search", "u-1", 1_000, 500), PRICING);
        aggregator.process(new Record<>(call.span().getTraceId(), call, end.toEpochMilli()));
    }

    private List<Record<? extends String, ? extends CostAggregate>> forwarded() {
        return context.forwarded().stream().<Record<? extends String, ? extends CostAggregate>>map(CapturedForward::record).toList();
    }

    private static String lateWindows(Record<?, ?> partial) {
        Header header = partial.headers().lastHeader(CostWindowAggregator.LATE_WINDOWS_HEADER);
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
