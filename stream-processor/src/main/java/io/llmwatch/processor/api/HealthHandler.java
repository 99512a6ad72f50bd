package io.llmwatch.processor.api;

import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;

/** {@code GET /api/health}: 200 only while this instance's Streams application is RUNNING, 503 otherwise. */
final class HealthHandler implements ApiHandler {

    private final KafkaStreams streams;

    HealthHandler(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        KafkaStreams.State state = streams.state();
        return ApiResponse.of(state == KafkaStreams.State.RUNNING ? 200 : 503, Map.of("status", state.name()));
    }
}
