package io.llmwatch.processor.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.apache.kafka.streams.KafkaStreams;

import java.io.IOException;
import java.util.Map;

/** {@code GET /api/health}: 200 only while the Streams application is RUNNING, 503 otherwise. */
final class HealthHandler implements HttpHandler {

    private final KafkaStreams streams;

    HealthHandler(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        KafkaStreams.State state = streams.state();
        int status = state == KafkaStreams.State.RUNNING ? 200 : 503;
        HttpExchanges.sendJson(exchange, status, Map.of("status", state.name()));
    }
}
