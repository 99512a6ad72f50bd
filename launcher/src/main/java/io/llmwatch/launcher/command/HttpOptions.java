package io.llmwatch.launcher.command;

import io.llmwatch.processor.api.auth.ApiAccess;
import io.llmwatch.processor.api.auth.ApiTokens;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the query API listens and who may ask it. Closed by default: without tokens the API answers
 * anyone who reaches it, so it binds to loopback, and serving other hosts without tokens takes {@code --insecure}.
 */
public final class HttpOptions {

    /** A JSON list of {@code {"token","role","tenant"?}}, for containers that get secrets as variables. */
    static final String TOKENS_VARIABLE = "LLMWATCH_API_TOKENS";

    @Option(names = "--http-port", defaultValue = "8080",
            description = "Port of the query API and dashboard (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--http-host", defaultValue = "127.0.0.1",
            description = "Address the query API binds to (default: ${DEFAULT-VALUE}); another address needs --api-tokens or --insecure.")
    String host;

    @Option(names = "--api-tokens", paramLabel = "FILE", defaultValue = "${env:LLMWATCH_API_TOKENS_FILE}",
            description = "Bearer tokens of the query API: a JSON list of {\"token\",\"role\":\"admin|analyst|tenant\",\"tenant\"?}; "
                    + "or the JSON itself in $" + TOKENS_VARIABLE + ". Without tokens the API is open and loopback only.")
    Path apiTokens;

    @Option(names = "--insecure",
            description = "Serve the query API on a non-loopback --http-host without tokens: anyone who reaches it reads every tenant.")
    boolean insecure;

    public int port() {
        return port;
    }

    public String host() {
        return host;
    }

    /** The API's access rules; throws if the API would serve other hosts without authentication unasked. */
    ApiAccess access() {
        return access(System.getenv());
    }

    ApiAccess access(Map<String, String> environment) {
        Optional<ApiTokens> tokens = Optional.ofNullable(apiTokens).map(ApiTokens::fromFile)
                .or(() -> Optional.ofNullable(environment.get(TOKENS_VARIABLE)).filter(json -> !json.isBlank())
                        .map(json -> ApiTokens.parse(json, "$" + TOKENS_VARIABLE)));
        if (tokens.isEmpty() && !insecure && !isLoopback(host)) {
            throw new IllegalArgumentException("--http-host " + host + " would serve the query API to other hosts without "
                    + "authentication: give --api-tokens FILE (or $" + TOKENS_VARIABLE + "), or --insecure to do it anyway");
        }
        return tokens.map(ApiAccess::with).orElseGet(ApiAccess::open);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--http-host " + host + " is not a known address", e);
        }
    }
}
