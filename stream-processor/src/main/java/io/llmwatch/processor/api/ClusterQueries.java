package io.llmwatch.processor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.llmwatch.processor.query.StoreLocator;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Answers a request with the state of the whole cluster, so every instance gives the same answer:
 * <ul>
 *   <li>a lookup of one key is answered by the instance that owns the key, the request being
 *       forwarded there if need be and its answer relayed as it is;</li>
 *   <li>a query over many keys asks every instance for its share, in parallel, and merges them.</li>
 * </ul>
 * Instances ask each other with {@code scope=local}, so a request is forwarded at most once. When any
 * share is missing (an instance is down or rebalancing), the answer is 503, never a partial result.
 */
final class ClusterQueries {

    /**
     * Reads other instances' rows. Floating-point numbers stay doubles (no big-decimal coercion), so a
     * row relayed through JSON is written back exactly as its instance wrote it; money is a string.
     */
    private static final ObjectMapper PEER_JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final StoreLocator locator;
    private final PeerClient peers;

    ClusterQueries(StoreLocator locator, PeerClient peers) {
        this.locator = locator;
        this.peers = peers;
    }

    /**
     * @param key           the key as its records are partitioned
     * @param answerLocally answers from this instance's store of the given partition
     */
    ApiResponse byKey(String store, String key, ApiRequest request, IntFunction<ApiResponse> answerLocally) {
        KeyQueryMetadata owner = locator.ownerOf(store, key)
                .orElseThrow(() -> new QueryUnavailableException("the instance holding this key is not known yet"));
        if (request.localScope() || locator.isSelf(owner.activeHost())) {
            return answerLocally.apply(owner.partition());
        }
        return join(peers.get(owner.activeHost(), request.forPeer()));
    }

    /**
     * Every instance's rows, unordered: this instance's own and, unless the request is local, those of
     * every other instance holding part of {@code store}.
     */
    <T> List<T> fromAll(String store, ApiRequest request, Supplier<List<T>> localRows, TypeReference<List<T>> rowsType) {
        if (request.localScope()) {
            return localRows.get();
        }
        List<HostInfo> instances = locator.hostsOf(store);
        if (instances.isEmpty()) {
            throw new QueryUnavailableException("no instance holds " + store + " yet");
        }
        List<CompletableFuture<List<T>>> remoteShares = instances.stream()
                .filter(instance -> !locator.isSelf(instance))
                .map(instance -> peers.get(instance, request.forPeer()).thenApply(answer -> rows(instance, answer, rowsType)))
                .toList();
        List<T> rows = new ArrayList<>();
        if (instances.stream().anyMatch(locator::isSelf)) {
            rows.addAll(localRows.get());
        }
        remoteShares.forEach(share -> rows.addAll(join(share)));
        return rows;
    }

    private static <T> List<T> rows(HostInfo instance, ApiResponse answer, TypeReference<List<T>> rowsType) {
        if (answer.status() != 200) {
            throw new QueryUnavailableException("instance " + instance + " answered " + answer.status() + ": " + answer.json());
        }
        try {
            return PEER_JSON.readValue(answer.json(), rowsType);
        } catch (JsonProcessingException e) {
            throw new QueryUnavailableException("instance " + instance + " answered unreadable JSON: " + e.getOriginalMessage());
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof QueryUnavailableException unavailable ? unavailable
                    : new QueryUnavailableException("another instance failed: " + e.getCause());
        }
    }
}
