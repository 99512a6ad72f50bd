package io.llmwatch.processor.api;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Wraps the handlers that read state stores. While the application is not RUNNING (starting,
 * rebalancing) stores are missing or moving, so such requests get 503 with Retry-After rather than
 * a partial answer; the same when another instance's share cannot be had. A request with a bad
 * parameter gets 400 and says which.
 */
final class StateQueryGuard implements ApiHandler {

    private final KafkaStreams streams;
    private final ApiHandler query;

    StateQueryGuard(KafkaStreams streams, ApiHandler query) {
        this.streams = streams;
        this.query = query;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            return ApiResponse.unavailable("state stores are not queryable while the application is " + state);
        }
        try {
            return query.handle(request);
        } catch (IllegalArgumentException e) {
            return ApiResponse.error(400, e.getMessage());
        } catch (InvalidStateStoreException e) {
            return ApiResponse.unavailable("state stores are migrating: " + e.getMessage());
        } catch (QueryUnavailableException e) {
            return ApiResponse.unavailable(e.getMessage());
        }
    }
}
