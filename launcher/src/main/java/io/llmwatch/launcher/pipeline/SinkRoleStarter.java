package io.llmwatch.launcher.pipeline;

import io.llmwatch.launcher.pipeline.PipelineSettings.SinkRole;
import io.llmwatch.sink.AlertSink;
import io.llmwatch.sink.SinkConfig;
import io.llmwatch.sink.metrics.DeliveryObserver;
import io.llmwatch.sink.routing.RoutesFile;

import java.io.PrintWriter;
import java.util.Map;

/** Starts the alerting sink for a {@link SinkRole}. */
final class SinkRoleStarter {

    private SinkRoleStarter() {
    }

    static AlertSink start(SinkRole role, String bootstrapServers, Map<String, Object> clientProperties,
                           DeliveryObserver observer, PrintWriter out) {
        AlertSink sink = new AlertSink(config(role, bootstrapServers, clientProperties), observer);
        sink.start();
        sink.apiPort().ifPresent(port -> out.printf("Sink silences API: http://%s:%d/api/silences%n", role.delivery().apiHost(), port));
        return sink;
    }

    static SinkConfig config(SinkRole role, String bootstrapServers, Map<String, Object> clientProperties) {
        SinkDelivery delivery = role.delivery();
        SinkConfig.Builder config = SinkConfig.builder()
                .bootstrapServers(bootstrapServers)
                .groupId(role.groupId());
        clientProperties.forEach((name, value) -> config.clientProperty(name, String.valueOf(value)));
        delivery.webhookUrl().ifPresent(config::webhookUrl);
        delivery.webhookSecret().ifPresent(secret -> config.webhookSecret(secret.reveal()));
        delivery.webhookHeaders().forEach(config::webhookHeader);
        delivery.slackWebhook().ifPresent(config::slackWebhook);
        delivery.pagerDutyRoutingKey().ifPresent(config::pagerDutyRoutingKey);
        config.pagerDutyUrl(delivery.pagerDutyUrl());
        delivery.routesFile().map(RoutesFile::read).ifPresent(config::routes);
        delivery.dashboardUrl().ifPresent(config::dashboardUrl);
        delivery.apiPort().ifPresent(port -> config.silenceApi(delivery.apiHost(), port));
        config.silenceApiAuthentication(delivery.apiAuthentication());
        return config.build();
    }
}
