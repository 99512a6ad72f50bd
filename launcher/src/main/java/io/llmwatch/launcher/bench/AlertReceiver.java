package io.llmwatch.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local HTTP endpoint of {@code bench alerts}: answers 200 to every webhook POST and notes, per
 * alert id, when its first request arrived (on the same {@link System#nanoTime} clock as the sender)
 * and how many arrived in all.
 */
final class AlertReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    AlertReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the bench's HTTP endpoint", e);
        }
        server.createContext("/alerts", this::receive);
        server.setExecutor(executor);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
    }

    private void receive(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        try (InputStream body = exchange.getRequestBody()) {
            JsonNode alert = JSON.readTree(body);
            firstArrival.putIfAbsent(alert.path("alertId").asText(), now);
            requests.incrementAndGet();
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    /** When the first request for this alert arrived; null if none did. */
    Long firstArrival(String alertId) {
        return firstArrival.get(alertId);
    }

    int distinctAlerts() {
        return firstArrival.size();
    }

    long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
