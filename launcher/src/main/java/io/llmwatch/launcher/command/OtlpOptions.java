package io.llmwatch.launcher.command;

import io.llmwatch.agent.otlp.OtlpSidecar;
import io.llmwatch.launcher.pipeline.PipelineSettings.OtlpRole;
import picocli.CommandLine.Option;

/** Where the OTLP sidecar listens for traces. Like the query API, it binds to loopback unless told otherwise. */
public final class OtlpOptions {

    @Option(names = "--otlp-port", defaultValue = "" + OtlpSidecar.DEFAULT_PORT,
            description = "Port of the OTLP/HTTP traces endpoint, /v1/traces; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--otlp-host", defaultValue = OtlpSidecar.DEFAULT_HOST,
            description = "Address the OTLP endpoint binds to; 0.0.0.0 accepts other hosts (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--otlp-max-body-bytes", defaultValue = "" + OtlpSidecar.DEFAULT_MAX_BODY_BYTES,
            description = "Largest request body, also after gunzipping; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    int maxBodyBytes;

    OtlpRole role() {
        return new OtlpRole(host, port, maxBodyBytes);
    }
}
