package io.llmwatch.processor.api;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertFilterTest {

    private static final AlertEvent FIRING_FEATURE_ANOMALY = alert("cost_anomaly", AlertStatus.FIRING, "feature", "support-chat");
    private static final AlertEvent RESOLVED_MODEL_LATENCY = alert("latency_regression", AlertStatus.RESOLVED, "model", "gpt-4o");

    private static AlertEvent alert(String type, AlertStatus status, String dimension, String key) {
        return AlertEvent.newBuilder().setAlertId("a").setDedupKey(type + "|" + dimension + "|" + key + "|1").setType(type)
                .setSeverity(Severity.WARNING).setStatus(status).setDimension(dimension).setDimensionKey(key)
                .setWindowStartMillis(0).setWindowEndMillis(1).setObserved("2").setExpected("1").setSummary("s")
                .setDetectedAtMillis(1).build();
    }

    private static AlertFilter filter(String query) {
        return AlertFilter.of(ApiRequest.of(URI.create("http://localhost/api/alerts?" + query), Map.of()));
    }

    @Test
    void matchesEverythingWithoutFilters() {
        assertThat(filter("limit=5")).accepts(FIRING_FEATURE_ANOMALY, RESOLVED_MODEL_LATENCY);
    }

    @Test
    void filtersByStatusTypeAndKey() {
        assertThat(filter("status=firing")).accepts(FIRING_FEATURE_ANOMALY).rejects(RESOLVED_MODEL_LATENCY);
        assertThat(filter("type=latency_regression")).accepts(RESOLVED_MODEL_LATENCY).rejects(FIRING_FEATURE_ANOMALY);
        assertThat(filter("key=support-chat")).accepts(FIRING_FEATURE_ANOMALY).rejects(RESOLVED_MODEL_LATENCY);
        assertThat(filter("key=model%7Cgpt-4o")).accepts(RESOLVED_MODEL_LATENCY).rejects(FIRING_FEATURE_ANOMALY);
        assertThat(filter("status=RESOLVED&type=latency_regression&key=gpt-4o")).accepts(RESOLVED_MODEL_LATENCY);
    }

    @Test
    void rejectsAnUnknownStatus() {
        assertThatThrownBy(() -> filter("status=open")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("firing or resolved");
    }
}
