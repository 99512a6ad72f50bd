package io.llmwatch.sink.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.llmwatch.sink.delivery.DeliveryCore;
import io.llmwatch.sink.routing.Durations;
import io.llmwatch.sink.routing.Matcher;
import io.llmwatch.sink.silence.Silence;
import io.llmwatch.sink.silence.SilenceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * The sink's small REST API, on the loopback interface by default:
 * <ul>
 *   <li>{@code GET /api/silences}: every silence with its status (active, pending, expired)</li>
 *   <li>{@code POST /api/silences} {@code {"matchers": ["tenant=acme", "type=~cost_.*"], "duration": "2h",
 *       "createdBy": "alice", "comment": "migration"}} (or {@code "startsAt"}/{@code "endsAt"} as ISO instants): 201 with the silence</li>
 *   <li>{@code GET /api/silences/{id}}, {@code DELETE /api/silences/{id}} (expires it now)</li>
 *   <li>{@code GET /api/health}: destinations and how many alerts are not settled yet</li>
 * </ul>
 * With tokens configured every {@code /api/silences} request needs a bearer token ({@link SilenceAccess} says
 * which role may do what); {@code /api/health} answers without one, for probes, and tells nothing about alerts.
 */
public final class SilenceApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SilenceApi.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SILENCES = "/api/silences";
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpServer server;
    private final SilenceStore silences;
    private final DeliveryCore core;
    private final SilenceAccess access;

    private SilenceApi(HttpServer server, SilenceStore silences, DeliveryCore core, SilenceAccess access) {
        this.server = server;
        this.silences = silences;
        this.core = core;
        this.access = access;
    }

    public static SilenceApi start(InetSocketAddress address, SilenceStore silences, DeliveryCore core, SilenceAccess access) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve the sink API on " + address, e);
        }
        SilenceApi api = new SilenceApi(server, silences, core, access);
        server.createContext(SILENCES, api::handleSilences);
        server.createContext("/api/health", api::handleHealth);
        server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "llmwatch-sink-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        LOG.info("Sink API (silences) listening on http://{}:{}{}", address.getHostString(), api.port(), SILENCES);
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handleHealth(HttpExchange exchange) throws IOException {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", core.failure().isPresent() ? "DOWN" : "UP");
        health.put("destinations", List.copyOf(core.destinationNames()));
        health.put("unsettled", core.unsettled());
        respond(exchange, core.failure().isPresent() ? 503 : 200, health);
    }

    private void handleSilences(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String id = path.length() > SILENCES.length() + 1 ? path.substring(SILENCES.length() + 1) : null;
            String method = exchange.getRequestMethod();
            Optional<SilenceAccess.Refusal> refusal =
                    access.refusal(exchange.getRequestHeaders().getFirst("Authorization"), !method.equals("GET"));
            if (refusal.isPresent()) {
                refuse(exchange, refusal.get());
                return;
            }
            Instant now = Instant.now();
            if (id == null && method.equals("GET")) {
                respond(exchange, 200, Map.of("silences", silences.book().all().stream().map(s -> s.toJson(now)).toList()));
            } else if (id == null && method.equals("POST")) {
                Silence silence = parse(readBody(exchange), now);
                silences.save(silence);
                respond(exchange, 201, silence.toJson(now));
            } else if (id != null && method.equals("GET")) {
                silences.book().get(id).ifPresentOrElse(
                        silence -> respondQuietly(exchange, 200, silence.toJson(now)),
                        () -> respondQuietly(exchange, 404, error("no silence " + id)));
            } else if (id != null && method.equals("DELETE")) {
                silences.expire(id).ifPresentOrElse(
                        silence -> respondQuietly(exchange, 200, silence.toJson(Instant.now())),
                        () -> respondQuietly(exchange, 404, error("no silence " + id)));
            } else {
                respond(exchange, 405, error(method + " is not supported on " + path));
            }
        } catch (IllegalArgumentException | DateTimeParseException | JsonProcessingException e) {
            respond(exchange, 400, error(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("Sink API request failed", e);
            respond(exchange, 500, error(e.toString()));
        }
    }

    private static void refuse(HttpExchange exchange, SilenceAccess.Refusal refusal) throws IOException {
        if (refusal.status() == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"llmwatch\"");
        }
        respond(exchange, refusal.status(), error(refusal.message()));
    }

    private static Silence parse(Map<?, ?> body, Instant now) {
        if (!(body.get("matchers") instanceof List<?> matchers) || matchers.isEmpty()) {
            throw new IllegalArgumentException("'matchers' must be a non-empty list like [\"tenant=acme\", \"type=~cost_.*\"]");
        }
        Instant startsAt = body.get("startsAt") == null ? now : Instant.parse(String.valueOf(body.get("startsAt")));
        Instant endsAt;
        if (body.get("endsAt") != null) {
            endsAt = Instant.parse(String.valueOf(body.get("endsAt")));
        } else if (body.get("duration") != null) {
            endsAt = startsAt.plus(Durations.parse(String.valueOf(body.get("duration"))));
        } else {
            throw new IllegalArgumentException("A silence needs 'duration' (e.g. \"2h\") or 'endsAt'");
        }
        return new Silence(UUID.randomUUID().toString(), matchers.stream().map(String::valueOf).map(Matcher::parse).toList(),
                startsAt, endsAt, body.get("createdBy") == null ? "" : String.valueOf(body.get("createdBy")),
                body.get("comment") == null ? "" : String.valueOf(body.get("comment")));
    }

    private static Map<?, ?> readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new IllegalArgumentException("request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            Object json = MAPPER.readValue(body, Object.class);
            if (!(json instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("request body must be a JSON object");
            }
            return map;
        }
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", String.valueOf(message));
    }

    private static void respondQuietly(HttpExchange exchange, int status, Object body) {
        try {
            respond(exchange, status, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
