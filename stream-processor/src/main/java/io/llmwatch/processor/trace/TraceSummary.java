package io.llmwatch.processor.trace;

import io.llmwatch.processor.cost.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;

/**
 * One trace in a search result, and the totals at the top of a trace tree.
 *
 * @param latencyMs    from the first span's start to the last span's end
 * @param rootName     name of the earliest root span: what the agent run was
 * @param costUsd      exact sum of the priced spans, as a decimal string
 * @param droppedSpans spans past the per-trace cap, counted but not kept (nor in these totals)
 */
public record TraceSummary(
        String traceId,
        String user,
        String start,
        String end,
        double latencyMs,
        String rootName,
        int spanCount,
        int droppedSpans,
        long llmCalls,
        long unpricedCalls,
        long errors,
        long inputTokens,
        long outputTokens,
        String costUsd) {

    /** Newest trace first; ties by id so every instance orders alike. */
    public static final Comparator<TraceSummary> NEWEST_FIRST = Comparator
            .comparing((TraceSummary summary) -> Instant.parse(summary.start())).reversed()
            .thenComparing(TraceSummary::traceId);

    private static final double NANOS_PER_MILLI = 1_000_000.0;

    public static TraceSummary of(CollectedTrace trace) {
        long start = trace.startUnixNano();
        long end = trace.endUnixNano();
        String rootName = trace.spans().stream()
                .filter(span -> span.parentSpanId() == null)
                .min(Comparator.comparingLong(TraceSpan::startUnixNano))
                .map(TraceSpan::name)
                .orElse(null);
        return new TraceSummary(trace.traceId(), trace.user(),
                TraceSpan.instant(start).toString(), TraceSpan.instant(end).toString(), (end - start) / NANOS_PER_MILLI,
                rootName, trace.spans().size(), trace.droppedSpans(),
                trace.spans().stream().filter(span -> span.kind() == SpanKind.LLM_CALL).count(),
                trace.spans().stream().filter(span -> !span.priced()).count(),
                trace.spans().stream().filter(span -> span.error() != null).count(),
                trace.spans().stream().mapToLong(TraceSpan::inputTokens).sum(),
                trace.spans().stream().mapToLong(TraceSpan::outputTokens).sum(),
                Money.format(trace.spans().stream().filter(TraceSpan::priced).map(TraceSpan::costUsd)
                        .reduce(BigDecimal.ZERO, BigDecimal::add)));
    }
}
