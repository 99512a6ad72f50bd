package io.llmwatch.launcher.pipeline;

import io.llmwatch.launcher.pipeline.PipelineSettings.SinkRole;
import io.llmwatch.sink.AlertSink;
import io.llmwatch.sink.SinkConfig;

import java.util.Map;

/** Starts the alerting sink for a {@link SinkRole}. */
final class SinkRoleStarter {

    private SinkRoleStarter() {
    }

    static AlertSink start(SinkRole role, String bootstrapServers, Map<String, Object> clientProperties) {
        SinkConfig.Builder config = SinkConfig.builder()
                .bootstrapServers(bootstrapServers)
                .groupId(role.groupId());
        clientProperties.forEach((name, value) -> config.clientProperty(name, String.valueOf(value)));
        role.webhookUrl().ifPresent(config::webhookUrl);
        role.webhookSecret().ifPresent(config::webhookSecret);
        AlertSink sink = new AlertSink(config.build());
        sink.start();
        return sink;
    }
}
