package io.llmwatch.agent.otlp;

import io.llmwatch.agent.LlmCall;
import io.llmwatch.agent.LlmWatch;
import io.llmwatch.agent.export.AgentCounters;
import io.llmwatch.agent.export.DropReason;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Records the GenAI spans of an export request through the agent, so every guarantee of the agent (a
 * bounded queue, never blocking, counted drops) holds for OTLP input too.
 *
 * <p>A request is admitted whole or not at all: if the agent's queue lacks room for all its GenAI spans,
 * none is recorded and the client is told to retry, because OTLP clients retry a throttled request whole,
 * and a half-recorded one would then be duplicated. Admission and recording happen under one lock, so
 * concurrent requests cannot both count the same free room. (Another thread recording through the same
 * agent can still take it; the spans that then do not fit are reported as rejected.)
 */
final class SpanIngest {

    private final LlmWatch watch;
    private final SidecarCounting counting;
    private final Object admission = new Object();

    SpanIngest(LlmWatch watch, SidecarCounting counting) {
        this.watch = watch;
        this.counting = counting;
    }

    IngestOutcome ingest(ExportTraceServiceRequest request) {
        List<LlmCall> calls = new ArrayList<>();
        long received = 0;
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            SpanAttributes resource = SpanAttributes.of(resourceSpans.getResource().getAttributesList());
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                    received++;
                    GenAiSpanMapper.map(span, resource).ifPresent(calls::add);
                }
            }
        }
        long ignored = received - calls.size();
        if (calls.isEmpty()) {
            counting.ingested(received, 0, 0, ignored);
            return IngestOutcome.taken(0, "");
        }
        synchronized (admission) {
            AgentCounters before = watch.counters();
            // A request larger than the whole queue could never be admitted whole; it waits for an empty queue instead.
            int needed = Math.min(calls.size(), before.queueCapacity());
            if (before.queueCapacity() - before.queueSize() < needed) {
                return IngestOutcome.queueFull();
            }
            long recorded = 0;
            for (LlmCall call : calls) {
                if (watch.record(call)) {
                    recorded++;
                }
            }
            AgentCounters after = watch.counters();
            if (after.dropped(DropReason.CLOSED) > before.dropped(DropReason.CLOSED)) {
                return IngestOutcome.agentClosed();
            }
            long rejected = calls.size() - recorded;
            counting.ingested(received, recorded, rejected, ignored);
            return IngestOutcome.taken(rejected, rejected == 0 ? "" : rejection(rejected, calls.size(), before, after));
        }
    }

    /** E.g. "2 of 5 GenAI spans rejected by the llmwatch agent: invalid=2". */
    private static String rejection(long rejected, int genAiSpans, AgentCounters before, AgentCounters after) {
        StringJoiner reasons = new StringJoiner(", ");
        for (DropReason reason : DropReason.values()) {
            long count = after.dropped(reason) - before.dropped(reason);
            if (count > 0) {
                reasons.add(reason.label() + "=" + count);
            }
        }
        return rejected + " of " + genAiSpans + " GenAI spans rejected by the llmwatch agent: " + reasons;
    }
}
