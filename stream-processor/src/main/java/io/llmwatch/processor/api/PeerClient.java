package io.llmwatch.processor.api;

import org.apache.kafka.streams.state.HostInfo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Asks another instance's API. Timeouts are short because a client is waiting behind every such
 * call: an instance that does not answer makes the request fail fast with 503, not hang.
 */
final class PeerClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private final Optional<String> authorization;

    PeerClient() {
        this(Optional.empty());
    }

    /** @param authorization the {@code Authorization} header other instances require, if any */
    PeerClient(Optional<String> authorization) {
        this.authorization = authorization;
    }

    /** The instance's answer to {@code pathAndQuery}, whatever its status; fails only when it gave none. */
    CompletableFuture<ApiResponse> get(HostInfo instance, String pathAndQuery) {
        String address = address(instance);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + address + pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .GET();
        authorization.ifPresent(header -> builder.header("Authorization", header));
        HttpRequest request = builder.build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new QueryUnavailableException("instance " + address + " did not answer: " + failure.getMessage());
                    }
                    return ApiResponse.raw(response.statusCode(), response.body(),
                            response.headers().firstValue("Retry-After").orElse(null));
                });
    }

    private static String address(HostInfo instance) {
        String host = instance.host().contains(":") ? "[" + instance.host() + "]" : instance.host();
        return host + ":" + instance.port();
    }
}
