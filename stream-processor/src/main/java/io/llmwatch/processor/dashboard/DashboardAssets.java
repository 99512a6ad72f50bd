package io.llmwatch.processor.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves the dashboard: a static page ({@code /}) and its script and style ({@code /dashboard/…}),
 * bundled in the jar. The page reads only the public JSON API, so any instance serves the same
 * dashboard of the whole cluster. Only the files listed here are served; anything else is a 404.
 */
public final class DashboardAssets implements HttpHandler {

    /** Where the page's own files live, under {@link #ROOT}. */
    public static final String ASSETS_PREFIX = "/dashboard/";
    public static final String ROOT = "/";

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "charts.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> files = Map.of(
            "index.html", read("index.html"),
            "dashboard.js", read("dashboard.js"),
            "charts.js", read("charts.js"),
            "dashboard.css", read("dashboard.css"));

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                sendText(exchange, 405, "method not allowed: " + method);
                return;
            }
            String file = fileOf(exchange.getRequestURI().getPath());
            byte[] body = file == null ? null : files.get(file);
            if (body == null) {
                sendText(exchange, 404, "not found: " + exchange.getRequestURI().getPath());
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPES.get(file));
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            send(exchange, 200, body);
        }
    }

    private static String fileOf(String path) {
        if (ROOT.equals(path)) {
            return "index.html";
        }
        return path.startsWith(ASSETS_PREFIX) ? path.substring(ASSETS_PREFIX.length()) : null;
    }

    private static void sendText(HttpExchange exchange, int status, String message) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        send(exchange, status, message.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] read(String file) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("dashboard file " + file + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard file " + file, e);
        }
    }
}
