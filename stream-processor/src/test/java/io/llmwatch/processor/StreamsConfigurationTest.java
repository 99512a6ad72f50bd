package io.llmwatch.processor;

import io.llmwatch.processor.topology.TopologySettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class StreamsConfigurationTest {

    private static final ProcessorSettings SEVERAL_INSTANCES = new ProcessorSettings("llmwatch-processor", "kafka:9092",
            Map.of(), Path.of("/tmp/state"), "0.0.0.0", 8080, "processor-1", 1,
            TopologySettings.DEFAULTS);

    @Test
    void runsExactlyOnceWithTheStandbyReplicasAsked() {
        Properties config = StreamsConfiguration.of(SEVERAL_INSTANCES, "processor-1:8080");

        assertThat(config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(config.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        assertThat(config.get(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo("processor-1:8080");
    }

    @Test
    void commitsTwiceASecondUnlessTheOperatorSaysOtherwise() {
        assertThat(StreamsConfiguration.of(SEVERAL_INSTANCES, "processor-1:8080").get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
                .isEqualTo(500);

        ProcessorSettings tuned = new ProcessorSettings("llmwatch-processor", "kafka:9092",
                Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "250", StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_least_once"),
                Path.of("/tmp/state"), "0.0.0.0", 8080, "processor-1", 1,
                TopologySettings.DEFAULTS);
        Properties config = StreamsConfiguration.of(tuned, "processor-1:8080");
        assertThat(config.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("250");
        assertThat(config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).as("exactly-once is not negotiable")
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void fetchesUpToEightMebibytesOfAPartitionUnlessTheOperatorSaysOtherwise() {
        String fetchBytes = StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG);
        assertThat(StreamsConfiguration.of(SEVERAL_INSTANCES, "processor-1:8080").get(fetchBytes)).isEqualTo(8 * 1024 * 1024);

        ProcessorSettings tuned = new ProcessorSettings("llmwatch-processor", "kafka:9092", Map.of(fetchBytes, "1048576"),
                Path.of("/tmp/state"), "0.0.0.0", 8080, "processor-1", 1, TopologySettings.DEFAULTS);
        assertThat(StreamsConfiguration.of(tuned, "processor-1:8080").get(fetchBytes)).isEqualTo("1048576");
    }
}
