package io.llmwatch.sink.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.json.AlertJson;

import java.io.UncheckedIOException;

/**
 * The webhook payload: the alert in its one JSON shape ({@link AlertJson}, shared with the query
 * API), as the exact bytes that are sent and signed.
 */
public final class WebhookBody {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WebhookBody() {
    }

    public static byte[] render(AlertEvent alert) {
        try {
            return MAPPER.writeValueAsBytes(AlertJson.toMap(alert));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write an alert as JSON", e);
        }
    }
}
