package io.llmwatch.processor;

import io.llmwatch.processor.api.ApiRoutes;
import io.llmwatch.processor.api.ApiServer;
import io.llmwatch.processor.api.auth.ApiAccess;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.dashboard.DashboardAssets;
import io.llmwatch.processor.metrics.PipelineMetrics;
import io.llmwatch.processor.topology.LlmWatchTopology;
import io.llmwatch.schemas.serde.SchemaCatalog;
import io.llmwatch.schemas.serde.SchemaPublisher;
import io.llmwatch.schemas.serde.SchemaTopicListener;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One running processor instance: the Kafka Streams application, the schema listener that lets it
 * decode newer producers' events, and the query API over its state stores.
 */
public final class StreamProcessor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamProcessor.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final ApiServer api;
    private final SchemaTopicListener schemaListener;
    private final PipelineMetrics metrics;

    private StreamProcessor(KafkaStreams streams, ApiServer api, SchemaTopicListener schemaListener, PipelineMetrics metrics) {
        this.streams = streams;
        this.api = api;
        this.schemaListener = schemaListener;
        this.metrics = metrics;
    }

    public static StreamProcessor start(ProcessorSettings settings, SpanCostCalculator pricing, Clock clock) {
        return start(settings, pricing, clock, ApiAccess.open());
    }

    /** @param access who may query the API; with tokens, instances forward with their own credential */
    public static StreamProcessor start(ProcessorSettings settings, SpanCostCalculator pricing, Clock clock, ApiAccess access) {
        Map<String, Object> clientConfig = new HashMap<>(settings.clientProperties());
        clientConfig.put("bootstrap.servers", settings.bootstrapServers());
        publishOwnSchemas(clientConfig);
        SchemaTopicListener schemaListener = SchemaTopicListener.start(clientConfig, SchemaCatalog.shared());

        Topology topology = LlmWatchTopology.build(settings.topology(), pricing, clock);
        ApiServer api;
        try {
            api = ApiServer.bind(new InetSocketAddress(settings.httpHost(), settings.httpPort()), access);
        } catch (IOException e) {
            schemaListener.close();
            throw new UncheckedIOException("Cannot bind the query API to " + settings.httpHost() + ":" + settings.httpPort(), e);
        }
        HostInfo self = new HostInfo(settings.advertisedHost(), api.port());
        String advertised = self.host() + ":" + self.port();
        KafkaStreams streams = new KafkaStreams(topology, StreamsConfiguration.of(settings, advertised));
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("Stream thread failed; replacing it", exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        PipelineMetrics metrics = PipelineMetrics.forRole("processor");
        metrics.bind(streams);
        metrics.countAlerts(clientConfig, settings.applicationId());
        metrics.chartLlmFigures(streams, clock);
        metrics.countRecordsWritten(clientConfig, List.of(Topics.DLQ.name(), Topics.LATE.name()));
        api.mount(PipelineMetrics.PATH, metrics.endpoint());
        api.mountPublic(DashboardAssets.ROOT, new DashboardAssets());
        api.serve(ApiRoutes.of(streams, self, settings.topology(), clock, access));
        streams.start();
        LOG.info("Processor {} started; query API on http://{}", settings.applicationId(), advertised);
        return new StreamProcessor(streams, api, schemaListener, metrics);
    }

    private static void publishOwnSchemas(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            SchemaPublisher.publish(producer, SchemaCatalog.BUNDLED_SCHEMAS);
        }
    }

    public KafkaStreams streams() {
        return streams;
    }

    public int apiPort() {
        return api.port();
    }

    @Override
    public void close() {
        api.close();
        streams.close(CLOSE_TIMEOUT);
        metrics.close();
        schemaListener.close();
    }
}
