package io.llmwatch.schemas.topic;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** Creates the topics that do not exist yet, with their configs; existing topics are left as they are. */
public final class TopicProvisioner {

    /** Replication factor that leaves the choice to the cluster's {@code default.replication.factor}. */
    public static final short BROKER_DEFAULT_REPLICATION = -1;

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    /**
     * @param replicationFactor replicas of each new topic, or {@link #BROKER_DEFAULT_REPLICATION}
     */
    public void ensure(Collection<Topic<?, ?>> topics, int partitions, short replicationFactor) {
        Optional<Short> replicas = replicationFactor == BROKER_DEFAULT_REPLICATION
                ? Optional.empty() : Optional.of(replicationFactor);
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(topic -> new NewTopic(topic.name(), Optional.of(partitions), replicas).configs(topic.configs()))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            admin.createTopics(missing).values().forEach((name, future) -> {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while creating topic " + name, e);
                }
            });
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot list topics: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing topics", e);
        }
    }
}
