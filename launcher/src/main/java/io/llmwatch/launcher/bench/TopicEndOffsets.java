package io.llmwatch.launcher.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every topic's end offset, summed over its partitions, at one moment: two snapshots around a run tell how many
 * offsets the run wrote to each topic. Under exactly-once an offset is a record or a transaction's commit marker;
 * markers are one per partition and commit, a few thousand against the millions of records a run writes.
 */
record TopicEndOffsets(Map<String, Long> byTopic) {

    private static final long TIMEOUT_SECONDS = 30;

    static TopicEndOffsets now(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription topic : admin.describeTopics(admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values()) {
            topic.partitions().forEach(partition -> latest.put(new TopicPartition(topic.name(), partition.partition()),
                    OffsetSpec.latest()));
        }
        Map<String, Long> byTopic = new HashMap<>();
        admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .forEach((partition, end) -> byTopic.merge(partition.topic(), end.offset(), Long::sum));
        return new TopicEndOffsets(Map.copyOf(byTopic));
    }

    /** Offsets written to {@code topic} since {@code earlier}. */
    long writtenSince(TopicEndOffsets earlier, String topic) {
        return byTopic.getOrDefault(topic, 0L) - earlier.byTopic.getOrDefault(topic, 0L);
    }

    /** Offsets written to every topic since {@code earlier}. */
    long writtenSince(TopicEndOffsets earlier) {
        return byTopic.keySet().stream().mapToLong(topic -> writtenSince(earlier, topic)).sum();
    }
}
