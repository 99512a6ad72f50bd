package io.llmwatch.sink.delivery;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One message to one destination: the current state of every alert of a group (Alertmanager's model),
 * each incident once, in the order they first arrived.
 *
 * @param groupKey     which group this is; for one-incident groups, the incident's dedup key
 * @param alerts       the newest state of each incident in the group, never empty
 * @param perIncident  whether the group is a single incident, so its dedup key identifies it downstream
 * @param repeat       a reminder of an unchanged, still firing group rather than news
 */
public record Notification(String groupKey, List<AlertEvent> alerts, boolean perIncident, boolean repeat) {

    /** PagerDuty's limit for {@code dedup_key}, which this key is used as. */
    public static final int MAX_DEDUP_KEY_LENGTH = 255;

    public Notification {
        Objects.requireNonNull(groupKey, "groupKey");
        alerts = List.copyOf(alerts);
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("A notification needs at least one alert");
        }
    }

    public static Notification of(AlertEvent alert) {
        return new Notification(alert.getDedupKey(), List.of(alert), true, false);
    }

    public List<AlertEvent> firing() {
        return alerts.stream().filter(alert -> alert.getStatus() == AlertStatus.FIRING).toList();
    }

    public List<AlertEvent> resolved() {
        return alerts.stream().filter(alert -> alert.getStatus() == AlertStatus.RESOLVED).toList();
    }

    /** Every incident in the group has resolved: the group as a whole is resolved. */
    public boolean isResolved() {
        return firing().isEmpty();
    }

    /** The only alert, when the group is one incident. */
    public AlertEvent single() {
        if (alerts.size() != 1) {
            throw new IllegalStateException("notification of " + alerts.size() + " alerts has no single alert");
        }
        return alerts.get(0);
    }

    /**
     * A stable key of at most {@value #MAX_DEDUP_KEY_LENGTH} characters for the whole group: the incident's own dedup
     * key when the group is one incident; otherwise the group key, hashed when it is too long.
     */
    public String dedupKey() {
        if (perIncident) {
            return fit(alerts.get(0).getDedupKey());
        }
        return fit("group|" + groupKey);
    }

    private static String fit(String key) {
        if (key.length() <= MAX_DEDUP_KEY_LENGTH) {
            return key;
        }
        String hash = sha256(key);
        return key.substring(0, MAX_DEDUP_KEY_LENGTH - hash.length() - 1) + "#" + hash;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
