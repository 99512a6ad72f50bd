package io.llmwatch.processor.trace;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RecentTracesTest {

    private static final long SLOT = 0;

    @Test
    void forgetsTheLeastRecentlyUsedTracesOnceTheyHoldMoreSpansThanTheBound() {
        RecentTraces recent = new RecentTraces(4);
        recent.put(SLOT, trace("t1", 2));
        recent.put(SLOT, trace("t2", 2));
        recent.get("t1");

        recent.put(SLOT, trace("t3", 1));

        assertThat(recent.get("t1")).isNotNull();
        assertThat(recent.get("t2")).isNull();
        assertThat(recent.get("t3")).isNotNull();
    }

    @Test
    void aTraceThatGrowsCountsItsSpansOnce() {
        RecentTraces recent = new RecentTraces(4);
        recent.put(SLOT, trace("t1", 1));
        recent.put(SLOT, trace("t1", 2));
        recent.put(SLOT, trace("t1", 3));

        recent.put(SLOT, trace("t2", 1));

        assertThat(recent.get("t1").trace().spans()).hasSize(3);
        assertThat(recent.get("t2")).isNotNull();
    }

    @Test
    void keepsTheSlotATraceWasWrittenAt() {
        RecentTraces recent = new RecentTraces(4);
        recent.put(42, trace("t1", 1));

        assertThat(recent.get("t1").slot()).isEqualTo(42);
    }

    @Test
    void clearForgetsEverything() {
        RecentTraces recent = new RecentTraces(4);
        recent.put(SLOT, trace("t1", 4));
        recent.clear();
        recent.put(SLOT, trace("t2", 4));

        assertThat(recent.get("t1")).isNull();
        assertThat(recent.get("t2")).isNotNull();
    }

    private static CollectedTrace trace(String traceId, int spans) {
        List<TraceSpan> spanList = IntStream.range(0, spans)
                .mapToObj(i -> new TraceSpan("s" + i, null, "step", SpanKind.OTHER, "chat", null, null, null,
                        i, i + 1, 0, 0, BigDecimal.ZERO, null))
                .toList();
        return new CollectedTrace(traceId, null, spanList, 0);
    }
}
