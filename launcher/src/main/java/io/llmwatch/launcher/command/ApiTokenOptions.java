package io.llmwatch.launcher.command;

import io.llmwatch.schemas.auth.ApiAuthentication;
import io.llmwatch.schemas.auth.ApiTokens;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Who may use llmwatch's HTTP APIs, the query API and the sink's silences API alike: one tokens file for
 * both. Closed by default: an API without tokens answers anyone who reaches it, so it binds to loopback,
 * and serving other hosts without tokens takes {@code --insecure}.
 */
public final class ApiTokenOptions {

    /** A JSON list of {@code {"token","role","tenant"?}}, for containers that get secrets as variables. */
    static final String TOKENS_VARIABLE = "LLMWATCH_API_TOKENS";

    @Option(names = "--api-tokens", paramLabel = "FILE", defaultValue = "${env:LLMWATCH_API_TOKENS_FILE}",
            description = "Bearer tokens of the query API and the sink's silences API: a JSON list of "
                    + "{\"token\",\"role\":\"admin|analyst|tenant\",\"tenant\"?}; or the JSON itself in $" + TOKENS_VARIABLE
                    + ". Without tokens the APIs are open and loopback only.")
    Path apiTokens;

    @Option(names = "--insecure",
            description = "Serve the APIs on a non-loopback host without tokens: anyone who reaches them reads every tenant "
                    + "and can silence alerts.")
    boolean insecure;

    /**
     * The authentication of an API bound to {@code host}, from {@code --api-tokens} or {@code $LLMWATCH_API_TOKENS}.
     *
     * @param hostOption the option that set {@code host}, and {@code api} what it serves, for the error message
     * @throws IllegalArgumentException if the API would serve other hosts without authentication unasked
     */
    ApiAuthentication authentication(String hostOption, String host, String api, Map<String, String> environment) {
        Optional<ApiTokens> tokens = Optional.ofNullable(apiTokens).map(ApiTokens::fromFile)
                .or(() -> Optional.ofNullable(environment.get(TOKENS_VARIABLE)).filter(json -> !json.isBlank())
                        .map(json -> ApiTokens.parse(json, "$" + TOKENS_VARIABLE)));
        if (tokens.isEmpty() && !insecure && !isLoopback(hostOption, host)) {
            throw new IllegalArgumentException(hostOption + " " + host + " would serve " + api + " to other hosts without "
                    + "authentication: give --api-tokens FILE (or $" + TOKENS_VARIABLE + "), or --insecure to do it anyway");
        }
        return tokens.map(ApiAuthentication::with).orElseGet(ApiAuthentication::open);
    }

    private static boolean isLoopback(String hostOption, String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(hostOption + " " + host + " is not a known address", e);
        }
    }
}
