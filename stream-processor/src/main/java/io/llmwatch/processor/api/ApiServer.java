package io.llmwatch.processor.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The processor's HTTP server. Routes are exact paths; anything else is a JSON 404. A handler that
 * throws answers a JSON 500 instead of a dropped connection.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final int WORKER_THREADS = 4;

    private final HttpServer server;
    private final ExecutorService workers;

    private ApiServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /**
     * Binds {@code address} without serving yet (port 0 picks a free port), so the bound port can be
     * advertised to Kafka Streams before the handlers that need Kafka Streams exist.
     */
    public static ApiServer bind(InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "llmwatch-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        return new ApiServer(server, workers);
    }

    /** Starts serving {@code routes}, exact path → handler. */
    public void serve(Map<String, HttpHandler> routes) {
        Map<String, HttpHandler> exact = new LinkedHashMap<>(routes);
        server.createContext("/", exchange -> dispatch(exact, exchange));
        server.start();
    }

    private static void dispatch(Map<String, HttpHandler> routes, HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpHandler handler = routes.get(exchange.getRequestURI().getPath());
            if (handler == null) {
                HttpExchanges.sendError(exchange, 404, "no such endpoint: " + exchange.getRequestURI().getPath());
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                HttpExchanges.sendError(exchange, 405, "method not allowed: " + exchange.getRequestMethod());
                return;
            }
            handler.handle(exchange);
        } catch (RuntimeException e) {
            LOG.warn("API request {} failed", exchange.getRequestURI(), e);
            HttpExchanges.sendError(exchange, 500, "internal error: " + e.getClass().getSimpleName());
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
