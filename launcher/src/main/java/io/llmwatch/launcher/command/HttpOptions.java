package io.llmwatch.launcher.command;

import io.llmwatch.processor.api.auth.ApiAccess;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * Where the query API listens and who may ask it. Closed by default: without tokens the API answers
 * anyone who reaches it, so it binds to loopback, and serving other hosts without tokens takes {@code --insecure}.
 */
public final class HttpOptions {

    @Option(names = "--http-port", defaultValue = "8080",
            description = "Port of the query API and dashboard (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--http-host", defaultValue = "127.0.0.1",
            description = "Address the query API binds to (default: ${DEFAULT-VALUE}); another address needs --api-tokens or --insecure.")
    String host;

    @Mixin
    ApiTokenOptions apiTokens;

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
        return ApiAccess.of(apiTokens.authentication("--http-host", host, "the query API", environment));
    }
}
