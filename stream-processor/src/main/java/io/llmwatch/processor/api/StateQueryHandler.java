package io.llmwatch.processor.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

import java.io.IOException;
import java.util.Map;

/**
 * Base of the handlers that read state stores. While the application is not RUNNING (starting,
 * rebalancing) stores are missing or moving, so such requests get 503 with Retry-After rather than
 * a partial answer. A request with a bad parameter gets 400 and says which.
 */
abstract class StateQueryHandler implements HttpHandler {

    private static final String RETRY_AFTER_SECONDS = "1";

    private final KafkaStreams streams;

    StateQueryHandler(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            unavailable(exchange, "state stores are not queryable while the application is " + streams.state());
            return;
        }
        Object body;
        try {
            body = query(HttpExchanges.queryParameters(exchange));
        } catch (IllegalArgumentException e) {
            HttpExchanges.sendError(exchange, 400, e.getMessage());
            return;
        } catch (InvalidStateStoreException e) {
            unavailable(exchange, "state stores are migrating: " + e.getMessage());
            return;
        }
        HttpExchanges.sendJson(exchange, 200, body);
    }

    private static void unavailable(HttpExchange exchange, String reason) throws IOException {
        exchange.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
        HttpExchanges.sendJson(exchange, 503, Map.of("error", reason));
    }

    /** Answers the request; throws {@link IllegalArgumentException} for a bad parameter. */
    protected abstract Object query(Map<String, String> parameters);
}
