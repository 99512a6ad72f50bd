package io.llmwatch.processor.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.llmwatch.processor.api.auth.ApiAccess;
import io.llmwatch.schemas.auth.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The processor's HTTP server. Requests are matched against each {@link Endpoint}'s path template;
 * anything else is a JSON 404. A handler that throws answers a JSON 500 instead of a dropped
 * connection.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /**
     * A request that fans out holds its thread while other instances answer, and they answer with
     * their own threads; a pool this size keeps instances that query each other from running out
     * of threads at once, and the peer timeout bounds the wait if they ever do.
     */
    private static final int WORKER_THREADS = 16;
    private static final String API_PREFIX = "/api/";

    private final HttpServer server;
    private final ExecutorService workers;
    private final ApiAccess access;

    private ApiServer(HttpServer server, ExecutorService workers, ApiAccess access) {
        this.server = server;
        this.workers = workers;
        this.access = access;
    }

    /**
     * Binds {@code address} without serving yet (port 0 picks a free port), so the bound port can be
     * advertised to Kafka Streams before the handlers that need Kafka Streams exist.
     */
    public static ApiServer bind(InetSocketAddress address) throws IOException {
        return bind(address, ApiAccess.open());
    }

    /** Like {@link #bind(InetSocketAddress)}, answering only the callers {@code access} admits. */
    public static ApiServer bind(InetSocketAddress address, ApiAccess access) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "llmwatch-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        return new ApiServer(server, workers, access);
    }

    /** Starts serving {@code routes}. */
    public void serve(Map<Endpoint, ApiHandler> routes) {
        Map<Endpoint, ApiHandler> handlers = new EnumMap<>(routes);
        server.createContext(API_PREFIX, exchange -> dispatch(handlers, exchange, access));
        server.start();
    }

    /**
     * Serves {@code handler} for the paths under {@code prefix} outside the JSON API (the dashboard at
     * {@code /}, Prometheus at {@code /metrics}); the longest matching prefix wins, so {@code /api/}
     * stays the API's. Call before {@link #serve}.
     */
    public void mount(String prefix, HttpHandler handler) {
        server.createContext(prefix, exchange -> {
            Caller caller = access.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            if (access.mayReadOperations(caller)) {
                handler.handle(exchange);
                return;
            }
            try (exchange) {
                send(exchange, caller == Caller.ANONYMOUS ? ApiAccess.UNAUTHORIZED
                        : ApiResponse.error(403, "an admin or analyst token is needed"));
            }
        });
    }

    /** Like {@link #mount}, for what anyone may fetch without a token: the dashboard's page and scripts. */
    public void mountPublic(String prefix, HttpHandler handler) {
        server.createContext(prefix, handler);
    }

    private static void dispatch(Map<Endpoint, ApiHandler> routes, HttpExchange exchange, ApiAccess access) throws IOException {
        try (exchange) {
            Caller caller = access.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            send(exchange, answer(routes, exchange, access, caller));
        } catch (RuntimeException e) {
            LOG.warn("API request {} failed", exchange.getRequestURI(), e);
            send(exchange, ApiResponse.error(500, "internal error: " + e.getClass().getSimpleName()));
        }
    }

    private static ApiResponse answer(Map<Endpoint, ApiHandler> routes, HttpExchange exchange, ApiAccess access, Caller caller) {
        String rawPath = exchange.getRequestURI().getRawPath();
        for (Map.Entry<Endpoint, ApiHandler> route : routes.entrySet()) {
            Optional<Map<String, String>> pathVariables;
            try {
                pathVariables = route.getKey().path().match(rawPath);
            } catch (IllegalArgumentException malformedEncoding) {
                return ApiResponse.error(400, "malformed path: " + malformedEncoding.getMessage());
            }
            if (pathVariables.isEmpty()) {
                continue;
            }
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                return ApiResponse.error(405, "method not allowed: " + exchange.getRequestMethod());
            }
            ApiRequest request;
            try {
                request = ApiRequest.of(exchange.getRequestURI(), pathVariables.get());
            } catch (IllegalArgumentException malformedEncoding) {
                return ApiResponse.error(400, "malformed query: " + malformedEncoding.getMessage());
            }
            ApiRequest admitted = request;
            return access.answer(caller, route.getKey(), admitted, () -> route.getValue().handle(admitted));
        }
        return ApiResponse.error(404, "no such endpoint: " + exchange.getRequestURI().getPath());
    }

    private static void send(HttpExchange exchange, ApiResponse response) throws IOException {
        byte[] body = response.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (response.status() == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"llmwatch\"");
        }
        if (response.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", response.retryAfter());
        }
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdown();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
