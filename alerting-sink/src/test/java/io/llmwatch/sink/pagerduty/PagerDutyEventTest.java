package io.llmwatch.sink.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import io.llmwatch.schemas.json.AlertJson;
import io.llmwatch.sink.DocumentedPayloads;
import io.llmwatch.sink.SampleAlerts;
import io.llmwatch.sink.delivery.AlertLinks;
import io.llmwatch.sink.delivery.Notification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PagerDutyEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AlertLinks LINKS = new AlertLinks(URI.create("https://llmwatch.example.com"));
    private static final String KEY = DocumentedPayloads.ROUTING_KEY;


    @Test
    void triggersWithTheAlertsDedupKeyAndEveryDocumentedField() throws Exception {
        AlertEvent alert = SampleAlerts.costAnomaly().build();

        JsonNode event = render(Notification.of(alert));

        String details = JSON.writeValueAsString(AlertJson.toMap(alert));
        assertThat(event).isEqualTo(JSON.readTree(DocumentedPayloads.pagerDutyTrigger(details)));
    }

    @Test
    void resolvesByDedupKeyAlone() throws Exception {
        JsonNode event = render(Notification.of(SampleAlerts.costAnomaly().setStatus(AlertStatus.RESOLVED).build()));

        assertThat(event).isEqualTo(JSON.readTree("""
                {"routing_key": "R0UTINGKEY00000000000000000000AB", "event_action": "resolve",
                 "dedup_key": "cost_anomaly|feature|support-chat|1762430400000"}"""));
    }

    @ParameterizedTest
    @CsvSource({"CRITICAL,critical", "ERROR,error", "WARNING,warning", "INFO,info"})
    void mapsSeverityOneToOne(Severity severity, String expected) {
        assertThat(render(Notification.of(SampleAlerts.costAnomaly().setSeverity(severity).build())).at("/payload/severity").asText())
                .isEqualTo(expected);
    }

    @Test
    void cutsTheSummaryTo1024AndTheDedupKeyTo255Characters() {
        AlertEvent alert = SampleAlerts.costAnomaly().setSummary("s".repeat(5_000)).setDedupKey("k".repeat(600)).build();

        JsonNode event = render(Notification.of(alert));

        assertThat(event.at("/payload/summary").asText()).hasSize(1024);
        assertThat(event.get("dedup_key").asText()).hasSize(255).startsWith("kkkk");
        assertThat(render(Notification.of(AlertEvent.newBuilder(alert).setAlertId("other").build())).get("dedup_key"))
                .isEqualTo(event.get("dedup_key"));
    }

    @Test
    void aGroupTriggersUnderTheGroupsKeyUntilEveryIncidentResolved() {
        AlertEvent one = SampleAlerts.costAnomaly().setDedupKey("a").setSeverity(Severity.WARNING).build();
        AlertEvent two = SampleAlerts.costAnomaly().setDedupKey("b").build();
        AlertEvent twoResolved = AlertEvent.newBuilder(two).setStatus(AlertStatus.RESOLVED).build();
        AlertEvent oneResolved = AlertEvent.newBuilder(one).setStatus(AlertStatus.RESOLVED).build();

        JsonNode firing = render(new Notification("route{type=cost_anomaly}", List.of(one, two), false, false));
        JsonNode partly = render(new Notification("route{type=cost_anomaly}", List.of(one, twoResolved), false, false));
        JsonNode resolved = render(new Notification("route{type=cost_anomaly}", List.of(oneResolved, twoResolved), false, false));

        assertThat(firing.get("dedup_key").asText()).isEqualTo("group|route{type=cost_anomaly}");
        assertThat(firing.at("/payload/severity").asText()).isEqualTo("critical");
        assertThat(firing.at("/payload/custom_details/firing").asInt()).isEqualTo(2);
        assertThat(partly.get("event_action").asText()).isEqualTo("trigger");
        assertThat(partly.at("/payload/severity").asText()).isEqualTo("warning");
        assertThat(resolved.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolved.get("dedup_key")).isEqualTo(firing.get("dedup_key"));
    }

    private static JsonNode render(Notification notification) {
        return JSON.valueToTree(PagerDutyEvent.render(notification, KEY, LINKS));
    }
}
