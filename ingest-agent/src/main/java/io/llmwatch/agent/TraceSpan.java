package io.llmwatch.agent;

import java.time.Instant;

/**
 * A span in progress: an agent run, a tool call, a retrieval. Children started from it and calls recorded
 * in it share its trace and name it as their parent, so an agent workflow arrives as one tree. Ending it
 * (or closing it, for try-with-resources) records it; ending again does nothing.
 *
 * <pre>{@code
 * try (TraceSpan agent = watch.startSpan(Operation.INVOKE_AGENT, "invoke_agent planner", attribution)) {
 *     agent.record(planningCall);
 *     try (TraceSpan tool = agent.startChild(Operation.EXECUTE_TOOL, "execute_tool search_orders")) {
 *         tool.toolName("search_orders");
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe; like the rest of the API no method throws, and setters called after the end are ignored.
 */
public final class TraceSpan implements AutoCloseable {

    private final LlmWatch watch;
    private final String traceId;
    private final String spanId;
    private final Attribution attribution;
    /** What the span will be once ended; guarded by {@code this}. */
    private final LlmCall.Builder pending;
    /** Guarded by {@code this}. */
    private boolean ended;

    TraceSpan(LlmWatch watch, Operation operation, String name, String traceId, String parentSpanId, Attribution attribution) {
        this.watch = watch;
        this.traceId = traceId;
        this.spanId = TraceIds.newSpanId();
        this.attribution = attribution == null ? Attribution.EMPTY : attribution;
        this.pending = LlmCall.builder()
                .operation(operation)
                .name(name)
                .traceId(traceId)
                .spanId(spanId)
                .parentSpanId(parentSpanId)
                .attribution(this.attribution)
                .startTime(Instant.now());
    }

    public String traceId() {
        return traceId;
    }

    public String spanId() {
        return spanId;
    }

    /** Starts a span inside this one, attributed like this one. */
    public TraceSpan startChild(Operation operation, String name) {
        return new TraceSpan(watch, operation, name, traceId, spanId, attribution);
    }

    /** Starts a span inside this one; {@code attribution} overrides this span's field by field. */
    public TraceSpan startChild(Operation operation, String name, Attribution attribution) {
        return new TraceSpan(watch, operation, name, traceId, spanId,
                attribution == null ? this.attribution : attribution.withFallback(this.attribution));
    }

    /**
     * Records a finished call as a child of this span: it joins this trace, names this span its parent
     * and inherits this span's attribution where its own is unset.
     *
     * @return whether the call was accepted for export
     */
    public boolean record(LlmCall call) {
        if (call == null) {
            return watch.record(null);
        }
        return watch.record(call.toBuilder()
                .traceId(traceId)
                .parentSpanId(spanId)
                .attribution(call.attribution().withFallback(attribution))
                .build());
    }

    /** {@code gen_ai.agent.name}, for agent spans. */
    public synchronized TraceSpan agentName(String agentName) {
        if (!ended) {
            pending.agentName(agentName);
        }
        return this;
    }

    /** {@code gen_ai.tool.name}, for tool spans. */
    public synchronized TraceSpan toolName(String toolName) {
        if (!ended) {
            pending.toolName(toolName);
        }
        return this;
    }

    /** Marks the span failed. */
    public synchronized TraceSpan error(CallError error) {
        if (!ended) {
            pending.error(error);
        }
        return this;
    }

    /** Attaches an evaluator's score; see {@link Score}. */
    public synchronized TraceSpan score(String name, double value) {
        if (!ended) {
            pending.score(name, value);
        }
        return this;
    }

    /** Ends the span now and records it; only the first call has an effect. */
    public void end() {
        LlmCall finished;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            finished = pending.endTime(Instant.now()).build();
        }
        // Recorded outside the lock: the span's lock is never held while touching the export queue.
        watch.record(finished);
    }

    /** Same as {@link #end()}, for try-with-resources. */
    @Override
    public void close() {
        end();
    }
}
