package io.llmwatch.sink.silence;

import io.llmwatch.sink.routing.Matcher;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mutes every alert whose labels satisfy all matchers, from {@code startsAt} until {@code endsAt}.
 * Muted alerts are logged and committed, never delivered, resolutions included.
 */
public record Silence(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {

    public Silence {
        Objects.requireNonNull(id, "id");
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("A silence needs at least one matcher");
        }
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("A silence must end after it starts");
        }
        createdBy = Objects.requireNonNullElse(createdBy, "");
        comment = Objects.requireNonNullElse(comment, "");
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean mutes(Map<String, String> labels, Instant now) {
        return activeAt(now) && matchers.stream().allMatch(matcher -> matcher.matches(labels));
    }

    /** The same silence, ending at {@code now} (or as it was, if it has already ended). */
    public Silence expiredAt(Instant now) {
        if (!now.isBefore(endsAt)) {
            return this;
        }
        return new Silence(id, matchers, now.isBefore(startsAt) ? now.minusMillis(1) : startsAt, now, createdBy, comment);
    }

    /** The JSON shape of the REST API and the silences topic. */
    public Map<String, Object> toJson(Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("matchers", matchers.stream().map(Matcher::toString).toList());
        json.put("startsAt", startsAt.toString());
        json.put("endsAt", endsAt.toString());
        json.put("createdBy", createdBy);
        json.put("comment", comment);
        json.put("status", now.isBefore(startsAt) ? "pending" : activeAt(now) ? "active" : "expired");
        return json;
    }

    public static Silence fromJson(Map<?, ?> json) {
        Object matchers = json.get("matchers");
        if (!(matchers instanceof List<?> list)) {
            throw new IllegalArgumentException("'matchers' must be a list like [\"tenant=acme\", \"type=~cost_.*\"]");
        }
        return new Silence(String.valueOf(json.get("id")), list.stream().map(String::valueOf).map(Matcher::parse).toList(),
                Instant.parse(String.valueOf(json.get("startsAt"))), Instant.parse(String.valueOf(json.get("endsAt"))),
                (String) json.get("createdBy"), (String) json.get("comment"));
    }
}
