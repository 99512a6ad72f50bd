package io.llmwatch.processor.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The spans of one trace gathered so far, as the trace store keeps them. Spans arrive in any order
 * (a parent usually ends, and so arrives, after its children) and may arrive twice (an agent replays
 * its spool after an outage): a span id seen again replaces the earlier copy, so totals never count
 * one span twice.
 *
 * @param user         the first user any of the trace's spans names, or {@code null}
 * @param spans        at most the configured number of spans, in arrival order
 * @param droppedSpans spans that arrived after the cap was reached
 */
public record CollectedTrace(String traceId, String user, List<TraceSpan> spans, int droppedSpans) {

    public CollectedTrace {
        Objects.requireNonNull(traceId, "traceId");
        spans = List.copyOf(spans);
    }

    static CollectedTrace first(String traceId, String user, TraceSpan span) {
        return new CollectedTrace(traceId, user, List.of(span), 0);
    }

    CollectedTrace with(TraceSpan span, String spanUser, int maxSpans) {
        String traceUser = user != null ? user : spanUser;
        List<TraceSpan> updated = new ArrayList<>(spans);
        for (int i = 0; i < updated.size(); i++) {
            if (updated.get(i).spanId().equals(span.spanId())) {
                updated.set(i, span);
                return new CollectedTrace(traceId, traceUser, updated, droppedSpans);
            }
        }
        if (updated.size() >= maxSpans) {
            return new CollectedTrace(traceId, traceUser, spans, droppedSpans + 1);
        }
        updated.add(span);
        return new CollectedTrace(traceId, traceUser, updated, droppedSpans);
    }

    long startUnixNano() {
        return spans.stream().mapToLong(TraceSpan::startUnixNano).min().orElseThrow();
    }

    long endUnixNano() {
        return spans.stream().mapToLong(TraceSpan::endUnixNano).max().orElseThrow();
    }
}
