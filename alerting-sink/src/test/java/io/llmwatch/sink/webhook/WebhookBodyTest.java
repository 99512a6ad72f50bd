package io.llmwatch.sink.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import io.llmwatch.sink.SampleAlerts;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookBodyTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void rendersExactlyTheAvroFieldsInSchemaOrder() throws IOException {
        JsonNode json = parse(SampleAlerts.costAnomaly().build());

        List<String> avroFields = AlertEvent.getClassSchema().getFields().stream().map(Schema.Field::name).toList();
        assertThat(json.fieldNames()).toIterable().containsExactlyElementsOf(avroFields);
    }

    @Test
    void rendersEveryValue() throws IOException {
        AlertEvent alert = SampleAlerts.costAnomaly().setSeverity(Severity.WARNING).setStatus(AlertStatus.RESOLVED).build();

        JsonNode json = parse(alert);

        assertThat(json.get("alertId").textValue()).isEqualTo(alert.getAlertId());
        assertThat(json.get("dedupKey").textValue()).isEqualTo("cost_anomaly|feature|support-chat|1762430400000");
        assertThat(json.get("type").textValue()).isEqualTo("cost_anomaly");
        assertThat(json.get("severity").textValue()).isEqualTo("warning");
        assertThat(json.get("status").textValue()).isEqualTo("resolved");
        assertThat(json.get("dimension").textValue()).isEqualTo("feature");
        assertThat(json.get("dimensionKey").textValue()).isEqualTo("support-chat");
        assertThat(json.get("tenant").textValue()).isEqualTo("acme");
        assertThat(json.get("windowStartMillis").longValue()).isEqualTo(1_762_430_400_000L);
        assertThat(json.get("windowEndMillis").longValue()).isEqualTo(1_762_434_000_000L);
        assertThat(json.get("unit").textValue()).isEqualTo("USD");
        assertThat(json.get("score").doubleValue()).isEqualTo(4.03);
        assertThat(json.get("pValue").doubleValue()).isEqualTo(0.0004);
        assertThat(json.get("summary").textValue()).isEqualTo(alert.getSummary());
        assertThat(json.get("exemplarTraceIds")).extracting(JsonNode::textValue).containsExactly("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(json.get("detectedAtMillis").longValue()).isEqualTo(1_762_434_012_000L);
        assertThat(json.get("attributes").get("model").textValue()).isEqualTo("gpt-4o");
    }

    @Test
    void keepsAmountsAsTheDecimalStringsTheyArrived() throws IOException {
        JsonNode json = parse(SampleAlerts.costAnomaly().setObserved("0.000012500").setExpected("1E-7").build());

        assertThat(json.get("observed").isTextual()).isTrue();
        assertThat(json.get("observed").textValue()).isEqualTo("0.000012500");
        assertThat(json.get("expected").textValue()).isEqualTo("1E-7");
    }

    @Test
    void rendersAbsentOptionalValuesAsNull() throws IOException {
        JsonNode json = parse(SampleAlerts.costAnomaly().setTenant(null).setScore(null).setPValue(null).build());

        assertThat(json.get("tenant").isNull()).isTrue();
        assertThat(json.get("score").isNull()).isTrue();
        assertThat(json.get("pValue").isNull()).isTrue();
    }

    @Test
    void rendersScoresJsonCannotExpressAsNull() throws IOException {
        JsonNode json = parse(SampleAlerts.costAnomaly().setScore(Double.POSITIVE_INFINITY).setPValue(Double.NaN).build());

        assertThat(json.get("score").isNull()).isTrue();
        assertThat(json.get("pValue").isNull()).isTrue();
    }

    @Test
    void rendersTheSameAlertToTheSameBytesWhateverTheAttributeOrder() {
        Map<String, String> zFirst = new LinkedHashMap<>();
        zFirst.put("z", "last");
        zFirst.put("a", "first");
        Map<String, String> aFirst = new LinkedHashMap<>();
        aFirst.put("a", "first");
        aFirst.put("z", "last");
        AlertEvent.Builder alert = SampleAlerts.costAnomaly();

        byte[] one = WebhookBody.render(alert.setAttributes(zFirst).build());
        byte[] other = WebhookBody.render(alert.setAttributes(aFirst).build());

        assertThat(one).isEqualTo(other);
        assertThat(new String(one, StandardCharsets.UTF_8)).contains("\"attributes\":{\"a\":\"first\",\"z\":\"last\"}");
    }

    private static JsonNode parse(AlertEvent alert) throws IOException {
        return MAPPER.readTree(WebhookBody.render(alert));
    }
}
