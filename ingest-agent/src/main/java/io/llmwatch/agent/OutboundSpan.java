package io.llmwatch.agent;

import io.llmwatch.agent.export.OutboundRecord;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.Topic;
import io.llmwatch.schemas.topic.Topics;

/** A recorded call on its way to {@code llmwatch.spans.v1}, keyed by trace id so a trace stays on one partition. */
record OutboundSpan(LlmCall call, SpanEventMapper mapper) implements OutboundRecord<SpanEvent> {

    @Override
    public Topic<String, SpanEvent> topic() {
        return Topics.SPANS;
    }

    @Override
    public String key() {
        return call.traceId();
    }

    @Override
    public SpanEvent value() {
        return mapper.toSpanEvent(call);
    }
}
