package io.llmwatch.sink;

/**
 * What Slack's Block Kit and PagerDuty's Events API v2 documentation say a message for
 * {@link SampleAlerts#costAnomaly()} looks like, with links under {@code https://llmwatch.example.com}.
 */
public final class DocumentedPayloads {

    public static final String ROUTING_KEY = "R0UTINGKEY00000000000000000000AB";

    /** Block Kit as Slack documents it for incoming webhooks: text fallback plus header, section, fields, actions, context. */
    public static final String SLACK_FIRING = """
            {"text": "[FIRING] CRITICAL cost_anomaly feature=support-chat: support-chat spent 12.50 USD in an hour against a 3.10 USD baseline",
             "blocks": [
              {"type": "header", "text": {"type": "plain_text", "text": ":rotating_light: FIRING · CRITICAL · cost_anomaly", "emoji": true}},
              {"type": "section", "text": {"type": "mrkdwn", "text": "support-chat spent 12.50 USD in an hour against a 3.10 USD baseline"}},
              {"type": "section", "fields": [
                {"type": "mrkdwn", "text": "*Observed*\\n12.500000 USD"},
                {"type": "mrkdwn", "text": "*Expected*\\n3.100000 USD"},
                {"type": "mrkdwn", "text": "*feature*\\n`support-chat`"},
                {"type": "mrkdwn", "text": "*Window*\\n2025-11-06 12:00 – 2025-11-06 13:00 UTC"},
                {"type": "mrkdwn", "text": "*Tenant*\\nacme"},
                {"type": "mrkdwn", "text": "*Score*\\n4.03 (p = 4.0E-4)"}]},
              {"type": "actions", "elements": [
                {"type": "button", "text": {"type": "plain_text", "text": "Open dashboard"},
                 "url": "https://llmwatch.example.com/?alert=cost_anomaly%7Cfeature%7Csupport-chat%7C1762430400000"},
                {"type": "button", "text": {"type": "plain_text", "text": "Trace 4bf92f35"},
                 "url": "https://llmwatch.example.com/api/traces/4bf92f3577b34da6a3ce929d0e0e4736"}]},
              {"type": "context", "elements": [{"type": "mrkdwn",
                "text": "dedup key `cost_anomaly|feature|support-chat|1762430400000` · detected 2025-11-06T13:00:12Z · llmwatch"}]}
             ]}
            """;

    /** A trigger as PagerDuty's Events API v2 documents it; {@code %s} is the alert's JSON. */
    private static final String TRIGGER = """
            {"routing_key": "R0UTINGKEY00000000000000000000AB",
             "event_action": "trigger",
             "dedup_key": "cost_anomaly|feature|support-chat|1762430400000",
             "payload": {
               "summary": "support-chat spent 12.50 USD in an hour against a 3.10 USD baseline",
               "source": "llmwatch/acme",
               "severity": "critical",
               "timestamp": "2025-11-06T13:00:12Z",
               "component": "feature:support-chat",
               "group": "feature",
               "class": "cost_anomaly",
               "custom_details": %s},
             "client": "llmwatch",
             "client_url": "https://llmwatch.example.com/?alert=cost_anomaly%%7Cfeature%%7Csupport-chat%%7C1762430400000",
             "links": [
               {"href": "https://llmwatch.example.com/?alert=cost_anomaly%%7Cfeature%%7Csupport-chat%%7C1762430400000", "text": "llmwatch dashboard"},
               {"href": "https://llmwatch.example.com/api/traces/4bf92f3577b34da6a3ce929d0e0e4736", "text": "Exemplar trace 4bf92f3577b34da6a3ce929d0e0e4736"}]}
            """;

    private DocumentedPayloads() {
    }

    public static String pagerDutyTrigger(String alertJson) {
        return TRIGGER.formatted(alertJson);
    }
}
