package io.llmwatch.processor.api;

import com.sun.net.httpserver.HttpHandler;
import io.llmwatch.processor.query.LocalStateQueries;
import io.llmwatch.processor.topology.TopologySettings;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Clock;
import java.util.Map;

/** The query API's endpoints. */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    public static Map<String, HttpHandler> of(KafkaStreams streams, TopologySettings settings, Clock clock) {
        LocalStateQueries queries = new LocalStateQueries(streams);
        return Map.of(
                "/api/health", new HealthHandler(streams),
                "/api/cost", new CostHandler(streams, queries, settings, clock),
                "/api/alerts", new AlertsHandler(streams, queries));
    }
}
