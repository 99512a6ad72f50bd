package io.llmwatch.agent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who and what an LLM call is for: the dimensions cost and quality are attributed to. Immutable.
 *
 * <p>A client has a default attribution (environment, release, ...) and each call or span may carry its
 * own; {@link #withFallback} merges them field by field, the more specific one winning.
 */
public final class Attribution {

    /** Attributes nothing. */
    public static final Attribution EMPTY = builder().build();

    private final String tenant;
    private final String user;
    private final String session;
    private final String feature;
    private final String environment;
    private final String release;
    private final String service;
    private final Map<String, String> tags;

    private Attribution(Builder builder) {
        this.tenant = builder.tenant;
        this.user = builder.user;
        this.session = builder.session;
        this.feature = builder.feature;
        this.environment = builder.environment;
        this.release = builder.release;
        this.service = builder.service;
        this.tags = Map.copyOf(builder.tags);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }

    /** The end user ({@code user.id}). */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The conversation or session ({@code gen_ai.conversation.id}). */
    public Optional<String> session() {
        return Optional.ofNullable(session);
    }

    /** The product feature, e.g. {@code support-chat}. */
    public Optional<String> feature() {
        return Optional.ofNullable(feature);
    }

    /** {@code deployment.environment.name}, e.g. {@code production}. */
    public Optional<String> environment() {
        return Optional.ofNullable(environment);
    }

    /** {@code service.version} of the calling application. */
    public Optional<String> release() {
        return Optional.ofNullable(release);
    }

    /**
     * {@code service.name} of the calling application. Unset for an application's own calls, which carry
     * the client's service name; set for spans the OTLP sidecar receives from many services.
     */
    public Optional<String> service() {
        return Optional.ofNullable(service);
    }

    /** Free-form dimensions, e.g. {@code plan=enterprise}. */
    public Map<String, String> tags() {
        return tags;
    }

    /**
     * This attribution with every unset field taken from {@code fallback}; tags are merged, this one's
     * winning on equal keys.
     */
    public Attribution withFallback(Attribution fallback) {
        if (fallback == null || fallback.equals(EMPTY)) {
            return this;
        }
        Map<String, String> mergedTags = tags;
        if (!fallback.tags.isEmpty()) {
            mergedTags = new LinkedHashMap<>(fallback.tags);
            mergedTags.putAll(tags);
        }
        return builder()
                .tenant(tenant != null ? tenant : fallback.tenant)
                .user(user != null ? user : fallback.user)
                .session(session != null ? session : fallback.session)
                .feature(feature != null ? feature : fallback.feature)
                .environment(environment != null ? environment : fallback.environment)
                .release(release != null ? release : fallback.release)
                .service(service != null ? service : fallback.service)
                .tags(mergedTags)
                .build();
    }

    public Builder toBuilder() {
        return builder().tenant(tenant).user(user).session(session).feature(feature)
                .environment(environment).release(release).service(service).tags(tags);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attribution that
                && Objects.equals(tenant, that.tenant) && Objects.equals(user, that.user)
                && Objects.equals(session, that.session) && Objects.equals(feature, that.feature)
                && Objects.equals(environment, that.environment) && Objects.equals(release, that.release)
                && Objects.equals(service, that.service) && tags.equals(that.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, user, session, feature, environment, release, service, tags);
    }

    @Override
    public String toString() {
        return "Attribution{tenant=" + tenant + ", user=" + user + ", session=" + session + ", feature=" + feature
                + ", environment=" + environment + ", release=" + release + ", service=" + service + ", tags=" + tags + '}';
    }

    /** Setters accept null, meaning "not set"; none of them throws. */
    public static final class Builder {
        private String tenant;
        private String user;
        private String session;
        private String feature;
        private String environment;
        private String release;
        private String service;
        private final Map<String, String> tags = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder session(String session) {
            this.session = session;
            return this;
        }

        public Builder feature(String feature) {
            this.feature = feature;
            return this;
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder release(String release) {
            this.release = release;
            return this;
        }

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /** Adds a tag; a null key or value is ignored. */
        public Builder tag(String key, String value) {
            if (key != null && value != null) {
                tags.put(key, value);
            }
            return this;
        }

        /** Adds every tag of {@code tags}; null keys and values are ignored. */
        public Builder tags(Map<String, String> tags) {
            if (tags != null) {
                tags.forEach(this::tag);
            }
            return this;
        }

        public Attribution build() {
            return new Attribution(this);
        }
    }
}
