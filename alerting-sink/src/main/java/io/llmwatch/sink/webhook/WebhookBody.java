package io.llmwatch.sink.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.json.AlertJson;
import io.llmwatch.sink.delivery.Notification;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The webhook payload, as the exact bytes that are sent and signed. A one-incident notification is
 * the alert in its one JSON shape ({@link AlertJson}, shared with the query API); a notification of a
 * group of several incidents is {@code {"groupKey", "status", "repeat", "alerts": [...]}}.
 */
public final class WebhookBody {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WebhookBody() {
    }

    public static byte[] render(AlertEvent alert) {
        return write(AlertJson.toMap(alert));
    }

    public static byte[] render(Notification notification) {
        if (notification.perIncident()) {
            return render(notification.single());
        }
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("groupKey", notification.groupKey());
        group.put("status", notification.isResolved() ? "resolved" : "firing");
        group.put("repeat", notification.repeat());
        group.put("alerts", notification.alerts().stream().map(AlertJson::toMap).toList());
        return write(group);
    }

    private static byte[] write(Object json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write an alert as JSON", e);
        }
    }
}
