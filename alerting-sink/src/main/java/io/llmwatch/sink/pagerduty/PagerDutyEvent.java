package io.llmwatch.sink.pagerduty;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.Severity;
import io.llmwatch.schemas.json.AlertJson;
import io.llmwatch.sink.delivery.AlertLinks;
import io.llmwatch.sink.delivery.Notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A notification as a PagerDuty Events API v2 event. While anything in the group fires it is a
 * {@code trigger} whose {@code dedup_key} is the incident's own dedup key (or the group's, for a
 * group of several), so re-sending it never opens a second incident; once all have resolved it is a
 * {@code resolve} of that key. Severity maps one to one (critical, error, warning, info);
 * {@code summary} is cut to PagerDuty's 1024 characters.
 */
public final class PagerDutyEvent {

    static final int MAX_SUMMARY = 1024;
    static final String SOURCE = "llmwatch";

    private PagerDutyEvent() {
    }

    public static Map<String, Object> render(Notification notification, String routingKey, AlertLinks links) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("routing_key", routingKey);
        event.put("event_action", notification.isResolved() ? "resolve" : "trigger");
        event.put("dedup_key", notification.dedupKey());
        if (notification.isResolved()) {
            return event;
        }
        List<AlertEvent> firing = notification.firing();
        AlertEvent lead = firing.stream().max(Comparator.comparing(AlertEvent::getSeverity)).orElseThrow();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("summary", summary(notification, firing, lead));
        payload.put("source", lead.getTenant() == null ? SOURCE : SOURCE + "/" + lead.getTenant());
        payload.put("severity", severity(lead.getSeverity()));
        payload.put("timestamp", Instant.ofEpochMilli(lead.getDetectedAtMillis()).toString());
        payload.put("component", lead.getDimension() + ":" + lead.getDimensionKey());
        payload.put("group", lead.getDimension());
        payload.put("class", lead.getType());
        payload.put("custom_details", notification.perIncident()
                ? AlertJson.toMap(lead)
                : Map.of("firing", firing.size(), "alerts", firing.stream().map(AlertJson::toMap).toList()));
        event.put("payload", payload);
        event.put("client", SOURCE);
        event.put("client_url", links.dashboard(lead));
        event.put("links", links(lead, links));
        return event;
    }

    static String severity(Severity severity) {
        return severity.name().toLowerCase(Locale.ROOT);
    }

    private static String summary(Notification notification, List<AlertEvent> firing, AlertEvent lead) {
        String summary = notification.perIncident() ? lead.getSummary()
                : "[" + firing.size() + " firing] " + lead.getType() + ": " + lead.getSummary()
                + (firing.size() > 1 ? " (+" + (firing.size() - 1) + " more)" : "");
        return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…";
    }

    private static List<Map<String, String>> links(AlertEvent alert, AlertLinks links) {
        List<Map<String, String>> all = new ArrayList<>();
        all.add(Map.of("href", links.dashboard(alert), "text", "llmwatch dashboard"));
        List<String> traces = links.traces(alert);
        for (int i = 0; i < traces.size(); i++) {
            all.add(Map.of("href", traces.get(i), "text", "Exemplar trace " + alert.getExemplarTraceIds().get(i)));
        }
        return all;
    }
}
