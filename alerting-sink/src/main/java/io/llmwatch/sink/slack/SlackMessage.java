package io.llmwatch.sink.slack;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.sink.delivery.AlertLinks;
import io.llmwatch.sink.delivery.Notification;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A notification as a Slack incoming-webhook message in Block Kit: a header with status, severity and
 * type; the one-line summary; observed vs expected, the dimension key, window, tenant and score as
 * fields; buttons to the dashboard and the exemplar traces; the dedup key as context. A resolution is
 * announced the same way under a RESOLVED header. {@code text} is the fallback shown in
 * notifications. Lengths respect Block Kit's limits (header 150, fields 10, buttons 25).
 */
public final class SlackMessage {

    static final int MAX_HEADER = 150;
    static final int MAX_TEXT = 3000;
    static final int MAX_FIELD = 2000;
    static final int MAX_BUTTON_TEXT = 75;
    /** Incidents listed one per line in a group message; the rest are counted. */
    static final int MAX_LISTED = 10;
    static final int MAX_TRACE_BUTTONS = 3;

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SlackMessage() {
    }

    public static Map<String, Object> render(Notification notification, AlertLinks links) {
        return notification.perIncident() ? incident(notification, links) : group(notification, links);
    }

    private static Map<String, Object> incident(Notification notification, AlertLinks links) {
        AlertEvent alert = notification.single();
        boolean resolved = alert.getStatus() == AlertStatus.RESOLVED;
        String title = (resolved ? ":white_check_mark: RESOLVED" : ":rotating_light: FIRING") + " · "
                + severity(alert) + " · " + alert.getType() + (notification.repeat() ? " (reminder)" : "");
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(field("*Observed*\n" + escape(alert.getObserved() + " " + alert.getUnit())));
        fields.add(field("*Expected*\n" + escape(alert.getExpected() + " " + alert.getUnit())));
        fields.add(field("*" + escape(alert.getDimension()) + "*\n`" + escape(alert.getDimensionKey()) + "`"));
        fields.add(field("*Window*\n" + window(alert)));
        if (alert.getTenant() != null) {
            fields.add(field("*Tenant*\n" + escape(alert.getTenant())));
        }
        if (alert.getScore() != null && Double.isFinite(alert.getScore())) {
            fields.add(field("*Score*\n" + alert.getScore()
                    + (alert.getPValue() != null && Double.isFinite(alert.getPValue()) ? " (p = " + alert.getPValue() + ")" : "")));
        }
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(header(title));
        blocks.add(section(escape(alert.getSummary())));
        blocks.add(Map.of("type", "section", "fields", fields));
        blocks.add(Map.of("type", "actions", "elements", buttons(alert, links)));
        blocks.add(context("dedup key `" + escape(alert.getDedupKey()) + "` · detected "
                + Instant.ofEpochMilli(alert.getDetectedAtMillis()) + " · llmwatch"));
        return message(fallback(alert, resolved), blocks);
    }

    private static Map<String, Object> group(Notification notification, AlertLinks links) {
        List<AlertEvent> firing = notification.firing();
        List<AlertEvent> resolved = notification.resolved();
        AlertEvent first = notification.alerts().get(0);
        String title = (firing.isEmpty() ? ":white_check_mark: RESOLVED: " + resolved.size()
                : ":rotating_light: FIRING: " + firing.size() + (resolved.isEmpty() ? "" : ", resolved: " + resolved.size()))
                + " · " + first.getType() + (notification.repeat() ? " (reminder)" : "");
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(header(title));
        StringBuilder list = new StringBuilder();
        List<AlertEvent> listed = notification.alerts().subList(0, Math.min(MAX_LISTED, notification.alerts().size()));
        for (AlertEvent alert : listed) {
            list.append(alert.getStatus() == AlertStatus.RESOLVED ? ":white_check_mark: " : "• ")
                    .append('*').append(severity(alert)).append("* `").append(escape(alert.getDimension())).append('=')
                    .append(escape(alert.getDimensionKey())).append("` ").append(escape(alert.getSummary())).append('\n');
        }
        int unlisted = notification.alerts().size() - listed.size();
        if (unlisted > 0) {
            list.append("…and ").append(unlisted).append(" more");
        }
        blocks.add(section(list.toString().strip()));
        blocks.add(Map.of("type", "actions", "elements", List.of(button("Open dashboard", links.dashboard(first)))));
        blocks.add(context("group `" + escape(notification.groupKey()) + "` · llmwatch"));
        String text = "[" + (firing.isEmpty() ? "RESOLVED" : "FIRING:" + firing.size()) + "] " + first.getType()
                + ": " + notification.alerts().size() + " alerts";
        return message(text, blocks);
    }

    private static String fallback(AlertEvent alert, boolean resolved) {
        return "[" + (resolved ? "RESOLVED" : "FIRING") + "] " + severity(alert) + " " + alert.getType() + " "
                + alert.getDimension() + "=" + alert.getDimensionKey() + ": " + alert.getSummary();
    }

    private static List<Map<String, Object>> buttons(AlertEvent alert, AlertLinks links) {
        List<Map<String, Object>> buttons = new ArrayList<>();
        buttons.add(button("Open dashboard", links.dashboard(alert)));
        List<String> traces = links.traces(alert);
        for (int i = 0; i < Math.min(MAX_TRACE_BUTTONS, traces.size()); i++) {
            String traceId = alert.getExemplarTraceIds().get(i);
            buttons.add(button("Trace " + traceId.substring(0, Math.min(8, traceId.length())), traces.get(i)));
        }
        return buttons;
    }

    private static Map<String, Object> message(String text, List<Map<String, Object>> blocks) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", truncate(text, MAX_TEXT));
        message.put("blocks", blocks);
        return message;
    }

    private static Map<String, Object> header(String text) {
        return Map.of("type", "header", "text", Map.of("type", "plain_text", "text", truncate(text, MAX_HEADER), "emoji", true));
    }

    private static Map<String, Object> section(String mrkdwn) {
        return Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", truncate(mrkdwn, MAX_TEXT)));
    }

    private static Map<String, Object> field(String mrkdwn) {
        return Map.of("type", "mrkdwn", "text", truncate(mrkdwn, MAX_FIELD));
    }

    private static Map<String, Object> context(String mrkdwn) {
        return Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", truncate(mrkdwn, MAX_TEXT))));
    }

    private static Map<String, Object> button(String text, String url) {
        return Map.of("type", "button", "text", Map.of("type", "plain_text", "text", truncate(text, MAX_BUTTON_TEXT)), "url", url);
    }

    private static String severity(AlertEvent alert) {
        return alert.getSeverity().name();
    }

    private static String window(AlertEvent alert) {
        return MINUTE.format(Instant.ofEpochMilli(alert.getWindowStartMillis())) + " – "
                + MINUTE.format(Instant.ofEpochMilli(alert.getWindowEndMillis())) + " UTC";
    }

    /** Slack's mrkdwn treats these three as control characters. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
