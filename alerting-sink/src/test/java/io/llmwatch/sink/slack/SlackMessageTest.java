package io.llmwatch.sink.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.sink.DocumentedPayloads;
import io.llmwatch.sink.SampleAlerts;
import io.llmwatch.sink.delivery.AlertLinks;
import io.llmwatch.sink.delivery.Notification;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlackMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AlertLinks LINKS = new AlertLinks(URI.create("https://llmwatch.example.com/"));


    @Test
    void rendersAFiringIncidentAsTheDocumentedBlockKitMessage() throws Exception {
        JsonNode message = render(Notification.of(SampleAlerts.costAnomaly().build()));

        assertThat(message).isEqualTo(JSON.readTree(DocumentedPayloads.SLACK_FIRING));
    }

    @Test
    void announcesAResolution() throws Exception {
        AlertEvent resolved = SampleAlerts.costAnomaly().setStatus(AlertStatus.RESOLVED).build();

        JsonNode message = render(Notification.of(resolved));

        assertThat(message.at("/blocks/0/text/text").asText()).isEqualTo(":white_check_mark: RESOLVED · CRITICAL · cost_anomaly");
        assertThat(message.get("text").asText()).startsWith("[RESOLVED] CRITICAL cost_anomaly feature=support-chat");
    }

    @Test
    void escapesSlackControlCharactersAndKeepsTheHeaderWithinItsLimit() throws Exception {
        AlertEvent alert = SampleAlerts.costAnomaly().setSummary("<script> & co").setType("t".repeat(300)).build();

        JsonNode message = render(Notification.of(alert));

        assertThat(message.at("/blocks/1/text/text").asText()).isEqualTo("&lt;script&gt; &amp; co");
        assertThat(message.at("/blocks/0/text/text").asText()).hasSize(SlackMessage.MAX_HEADER);
    }

    @Test
    void listsAGroupWithCountsAndAtMostTenLines() throws Exception {
        List<AlertEvent> alerts = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            alerts.add(SampleAlerts.costAnomaly().setDimension("user").setDimensionKey("u-" + i).setDedupKey("k" + i).build());
        }
        alerts.set(3, AlertEvent.newBuilder(alerts.get(3)).setStatus(AlertStatus.RESOLVED).build());

        JsonNode message = render(new Notification("users{type=cost_anomaly}", alerts, false, false));

        assertThat(message.at("/blocks/0/text/text").asText()).isEqualTo(":rotating_light: FIRING: 24, resolved: 1 · cost_anomaly");
        String list = message.at("/blocks/1/text/text").asText();
        assertThat(list.lines()).hasSize(11);
        assertThat(list).contains("*CRITICAL* `user=u-0`", ":white_check_mark: *CRITICAL* `user=u-3`").endsWith("…and 15 more");
        assertThat(message.get("text").asText()).isEqualTo("[FIRING:24] cost_anomaly: 25 alerts");
    }

    private static JsonNode render(Notification notification) {
        return JSON.valueToTree(SlackMessage.render(notification, LINKS));
    }
}
