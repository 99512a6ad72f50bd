package io.llmwatch.processor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.processor.serde.JsonSerde;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiDocumentTest {

    private static JsonNode document() throws Exception {
        return JsonSerde.MAPPER.readTree(OpenApiHandler.read());
    }

    @Test
    void documentsEveryEndpointAndNothingElse() throws Exception {
        Set<String> documented = new HashSet<>();
        document().get("paths").fieldNames().forEachRemaining(documented::add);

        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Endpoint.values()).map(endpoint -> endpoint.path().template()).toList());
    }

    @Test
    void documentsAGetWithAnAnswerForEachEndpoint() throws Exception {
        JsonNode paths = document().get("paths");

        for (Endpoint endpoint : Endpoint.values()) {
            JsonNode get = paths.get(endpoint.path().template()).get("get");
            assertThat(get).as(endpoint.name()).isNotNull();
            assertThat(get.get("responses").has("200")).as(endpoint.name()).isTrue();
        }
    }

    @Test
    void documentsEveryPathVariable() throws Exception {
        JsonNode paths = document().get("paths");

        for (Endpoint endpoint : Endpoint.values()) {
            String template = endpoint.path().template();
            Set<String> declared = new HashSet<>();
            paths.get(template).get("get").path("parameters").forEach(parameter -> {
                if ("path".equals(parameter.path("in").asText())) {
                    declared.add(parameter.get("name").asText());
                }
            });
            Set<String> inTemplate = new HashSet<>();
            Arrays.stream(template.split("/")).filter(segment -> segment.startsWith("{"))
                    .forEach(segment -> inTemplate.add(segment.substring(1, segment.length() - 1)));
            assertThat(declared).as(template).isEqualTo(inTemplate);
        }
    }
}
