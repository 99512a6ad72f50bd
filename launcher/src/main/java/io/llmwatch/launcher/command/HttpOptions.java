package io.llmwatch.launcher.command;

import picocli.CommandLine.Option;

/** Where the query API listens. It binds to loopback unless told otherwise. */
public final class HttpOptions {

    @Option(names = "--http-port", defaultValue = "8080",
            description = "Port of the query API and dashboard (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--http-host", defaultValue = "127.0.0.1",
            description = "Address the query API binds to (default: ${DEFAULT-VALUE}).")
    String host;

    public int port() {
        return port;
    }

    public String host() {
        return host;
    }
}
