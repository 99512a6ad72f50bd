package io.llmwatch.processor.api;

import io.llmwatch.processor.cost.Dimension;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One request to the API: its path variables, its query parameters (the first value of each name
 * counts) and whether it asks for this instance's share only ({@code scope=local}, what instances
 * send each other so that a forwarded request is never forwarded again).
 */
public record ApiRequest(String rawPath, String rawQuery, Map<String, String> pathVariables, Map<String, String> parameters) {

    static final String SCOPE = "scope";
    static final String LOCAL_SCOPE = "local";
    private static final String CLUSTER_SCOPE = "cluster";

    public ApiRequest {
        pathVariables = Map.copyOf(pathVariables);
        parameters = Map.copyOf(parameters);
    }

    /** @throws IllegalArgumentException for malformed percent-encoding */
    public static ApiRequest of(URI uri, Map<String, String> pathVariables) {
        return new ApiRequest(uri.getRawPath(), uri.getRawQuery(), pathVariables, parse(uri.getRawQuery()));
    }

    private static Map<String, String> parse(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    public String pathVariable(String name) {
        String value = pathVariables.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing path segment {" + name + "}");
        }
        return value;
    }

    /** The parameter's value; a blank value counts as absent. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name)).filter(value -> !value.isBlank());
    }

    public String required(String name) {
        return parameter(name).orElseThrow(() -> new IllegalArgumentException("missing query parameter '" + name + "'"));
    }

    /** The {@code by} parameter: a dimension or pair that cost is attributed to, such as {@code feature}. */
    public Dimension dimension() {
        String by = required("by");
        return Dimension.fromLabel(by).orElseThrow(() -> new IllegalArgumentException("unknown dimension by=" + by
                + "; use one of " + Dimension.labels()));
    }

    public Instant instant(String name, Instant fallback) {
        Optional<String> value = parameter(name);
        try {
            return value.map(Instant::parse).orElse(fallback);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-01-31T14:32:00Z, got '"
                    + value.get() + "'");
        }
    }

    /** The {@code limit} parameter: how many rows at most, between 1 and {@code max}. */
    public int limit(int fallback, int max) {
        return count("limit", fallback, max);
    }

    /** A count parameter such as {@code limit} or {@code n}: between 1 and {@code max}. */
    public int count(String name, int fallback, int max) {
        Optional<String> value = parameter(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int count = Integer.parseInt(value.get());
            if (count < 1 || count > max) {
                throw new IllegalArgumentException(name + " must be between 1 and " + max + ", got " + count);
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value.get() + "'");
        }
    }

    /** Whether to answer from this instance's stores only; the default is the whole cluster. */
    public boolean localScope() {
        String scope = parameter(SCOPE).orElse(CLUSTER_SCOPE);
        if (!scope.equals(LOCAL_SCOPE) && !scope.equals(CLUSTER_SCOPE)) {
            throw new IllegalArgumentException("scope must be '" + LOCAL_SCOPE + "' or '" + CLUSTER_SCOPE + "', got '" + scope + "'");
        }
        return scope.equals(LOCAL_SCOPE);
    }

    /** This request as another instance must receive it: same path and parameters, local scope. */
    public String forPeer() {
        String otherParameters = rawQuery == null ? "" : Arrays.stream(rawQuery.split("&"))
                .filter(pair -> !pair.isEmpty() && !decode(pair.split("=", 2)[0]).equals(SCOPE))
                .map(pair -> pair + "&")
                .collect(Collectors.joining());
        return rawPath + "?" + otherParameters + SCOPE + "=" + LOCAL_SCOPE;
    }
}
