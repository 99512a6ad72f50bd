package io.llmwatch.sink.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.schemas.auth.ApiAuthentication;
import io.llmwatch.sink.AlertSink;
import io.llmwatch.sink.SinkConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static io.llmwatch.sink.api.SilenceAccessTest.ACME;
import static io.llmwatch.sink.api.SilenceAccessTest.ADMIN;
import static io.llmwatch.sink.api.SilenceAccessTest.ANALYST;
import static io.llmwatch.sink.api.SilenceAccessTest.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

/** The sink's own silences API on the embedded broker, started with a tokens file: who gets 401, 403 and 200. */
@ExtendWith(EmbeddedKafkaExtension.class)
class SilenceApiAuthIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Other tests share the broker and its silences topic, so this run's silences are told apart by comment. */
    private static final String COMMENT = "auth-it-" + UUID.randomUUID();
    private static final String SILENCE = """
            {"matchers": ["tenant=acme"], "duration": "1h", "createdBy": "it", "comment": "%s"}""".formatted(COMMENT);

    private final HttpClient http = HttpClient.newHttpClient();
    private AlertSink sink;
    private String api;

    @BeforeEach
    void start(EmbeddedKafkaBroker kafka) {
        sink = new AlertSink(SinkConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .groupId("silence-auth-it-" + UUID.randomUUID())
                .webhookUrl(URI.create("http://127.0.0.1:9/never-called"))
                .silenceApi("127.0.0.1", 0)
                .silenceApiAuthentication(ApiAuthentication.with(TOKENS))
                .build());
        sink.start();
        api = "http://127.0.0.1:" + sink.apiPort().orElseThrow();
    }

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void withoutAValidTokenEverySilencesRequestIs401AndHealthStillAnswers() throws Exception {
        HttpResponse<String> noToken = send(HttpRequest.newBuilder(URI.create(api + "/api/silences")).GET());
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(send(post(SILENCE)).statusCode()).isEqualTo(401);
        assertThat(send(post(SILENCE).header("Authorization", "Bearer not-a-configured-token")).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(URI.create(api + "/api/health")).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyAdminChangesSilencesAdminAndAnalystListThemAndATenantGetsNothing() throws Exception {
        assertThat(send(post(SILENCE).header("Authorization", "Bearer " + ANALYST)).statusCode()).isEqualTo(403);
        assertThat(send(post(SILENCE).header("Authorization", "Bearer " + ACME)).statusCode()).isEqualTo(403);

        HttpResponse<String> created = send(post(SILENCE).header("Authorization", "Bearer " + ADMIN));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();

        HttpResponse<String> asTenant = send(get("/api/silences", ACME));
        assertThat(asTenant.statusCode()).isEqualTo(403);
        assertThat(asTenant.body()).doesNotContain(id, "acme");
        assertThat(send(get("/api/silences/" + id, ACME)).statusCode()).isEqualTo(403);

        for (String reader : new String[] {ANALYST, ADMIN}) {
            HttpResponse<String> listed = send(get("/api/silences", reader));
            assertThat(listed.statusCode()).isEqualTo(200);
            // One silence of this run: the refused requests created none.
            assertThat(JSON.readTree(listed.body()).get("silences"))
                    .filteredOn(silence -> silence.get("comment").asText().equals(COMMENT))
                    .singleElement().satisfies(silence -> assertThat(silence.get("id").asText()).isEqualTo(id));
        }

        assertThat(send(delete(id, ANALYST)).statusCode()).isEqualTo(403);
        assertThat(send(delete(id, ACME)).statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(send(get("/api/silences/" + id, ADMIN)).body()).get("status").asText()).isEqualTo("active");
        HttpResponse<String> expired = send(delete(id, ADMIN));
        assertThat(expired.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(expired.body()).get("status").asText()).isEqualTo("expired");
    }

    private HttpRequest.Builder post(String body) {
        return HttpRequest.newBuilder(URI.create(api + "/api/silences")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder get(String path, String token) {
        return HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + token).GET();
    }

    private HttpRequest.Builder delete(String id, String token) {
        return HttpRequest.newBuilder(URI.create(api + "/api/silences/" + id)).header("Authorization", "Bearer " + token).DELETE();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
