package io.llmwatch.processor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs from one processor instance's query API, as a client of the API would. */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;

    public ApiClient(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + pathAndQuery + " on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Whether the instance answers at all and its Streams application is RUNNING. */
    public boolean isRunning() {
        try {
            return get("/api/health").statusCode() == 200;
        } catch (UncheckedIOException notListeningYet) {
            return false;
        }
    }

    public int port() {
        return port;
    }
}
