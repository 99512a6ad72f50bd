package io.llmwatch.agent;

import io.llmwatch.agent.export.OutboundRecord;
import io.llmwatch.schemas.feedback.FeedbackEvent;
import io.llmwatch.schemas.topic.Topic;
import io.llmwatch.schemas.topic.Topics;

import java.time.Instant;
import java.util.UUID;

/**
 * A feedback score on its way to {@code llmwatch.feedback.v1}, keyed by trace id like the spans it scores.
 *
 * @param givenAt when the application gave the feedback, which is its event time, not when it was sent
 */
record OutboundFeedback(String traceId, String name, double score, String comment, Attribution clientDefaults,
                        Instant givenAt) implements OutboundRecord<FeedbackEvent> {

    @Override
    public Topic<String, FeedbackEvent> topic() {
        return Topics.FEEDBACK;
    }

    @Override
    public String key() {
        return traceId;
    }

    @Override
    public FeedbackEvent value() {
        return FeedbackEvent.newBuilder()
                // Generated here on the worker: a random UUID reads the OS entropy source, I/O the caller must not do.
                .setFeedbackId(UUID.randomUUID().toString())
                .setTraceId(traceId)
                .setName(name)
                .setValue(score)
                .setComment(comment)
                .setSource("user")
                .setTenant(clientDefaults.tenant().orElse(null))
                .setUser(clientDefaults.user().orElse(null))
                .setTimestampMillis(givenAt.toEpochMilli())
                .build();
    }
}
