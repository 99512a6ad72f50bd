package io.llmwatch.agent.otlp;

import io.llmwatch.agent.Attribution;

/**
 * Who and what a span is for, from its own attributes over its resource's: OpenTelemetry's {@code user.id}
 * / {@code enduser.id}, {@code gen_ai.conversation.id} / {@code session.id}, {@code service.*} and
 * {@code deployment.environment(.name)}; llmwatch's own {@code llmwatch.tenant} and {@code llmwatch.feature};
 * and Traceloop's association properties, which OpenLLMetry apps set per request ({@code user_id},
 * {@code session_id}, {@code tenant_id}, {@code feature}) and which all also become tags.
 */
final class AttributionAttributes {

    static final String TRACELOOP_ASSOCIATION_PREFIX = "traceloop.association.properties.";

    private AttributionAttributes() {
    }

    /** @param attributes a span's attributes over its resource's */
    static Attribution read(SpanAttributes attributes) {
        return Attribution.builder()
                .tenant(attributes.string("llmwatch.tenant", association("tenant_id")).orElse(null))
                .user(attributes.string("user.id", "enduser.id", association("user_id")).orElse(null))
                .session(attributes.string("gen_ai.conversation.id", "session.id", association("session_id")).orElse(null))
                .feature(attributes.string("llmwatch.feature", association("feature"), "traceloop.workflow.name").orElse(null))
                .environment(attributes.string("deployment.environment.name", "deployment.environment").orElse(null))
                .release(attributes.string("service.version").orElse(null))
                .service(attributes.string("service.name").orElse(null))
                .tags(attributes.withPrefix(TRACELOOP_ASSOCIATION_PREFIX))
                .build();
    }

    private static String association(String property) {
        return TRACELOOP_ASSOCIATION_PREFIX + property;
    }
}
