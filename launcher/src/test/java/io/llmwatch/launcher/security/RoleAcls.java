package io.llmwatch.launcher.security;

import io.llmwatch.schemas.topic.Topic;
import io.llmwatch.schemas.topic.Topics;
import io.llmwatch.sink.SinkTopics;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.List;

/**
 * The least-privilege ACLs of each role, exactly as the README's Security section lists them; the SASL_SSL
 * pipeline test runs every role with only these, so the table cannot silently go stale.
 */
final class RoleAcls {

    /** Every role checks at start that the llmwatch topics exist; describing them reveals no data. */
    private static final String TOPIC_PREFIX = "llmwatch.";

    private RoleAcls() {
    }

    /** The agent jar and the OTLP sidecar: write spans, feedback and their own writer schemas. */
    static List<AclBinding> agent(String principal) {
        List<AclBinding> acls = new ArrayList<>(describeTopics(principal));
        for (Topic<?, ?> topic : List.of(Topics.SPANS, Topics.FEEDBACK, Topics.SCHEMAS)) {
            acls.add(topic(principal, topic, AclOperation.WRITE));
        }
        return acls;
    }

    /**
     * The stream processor with {@code applicationId}: its inputs, its outputs (all inside transactions), and
     * everything Kafka Streams names after the application id (internal topics, the group, transactional ids).
     */
    static List<AclBinding> processor(String principal, String applicationId) {
        List<AclBinding> acls = new ArrayList<>(describeTopics(principal));
        for (Topic<?, ?> topic : List.of(Topics.SPANS, Topics.FEEDBACK, Topics.PRICES, Topics.BUDGETS, Topics.ALERTS, Topics.SCHEMAS)) {
            acls.add(topic(principal, topic, AclOperation.READ));
        }
        for (Topic<?, ?> topic : List.of(Topics.ALERTS, Topics.LATE, Topics.DLQ, Topics.SCHEMAS)) {
            acls.add(topic(principal, topic, AclOperation.WRITE));
        }
        acls.add(allow(principal, new ResourcePattern(ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED), AclOperation.ALL));
        // Prefixed: the Streams group itself and the processor's own followers (e.g. APP-alert-metrics).
        acls.add(allow(principal, new ResourcePattern(ResourceType.GROUP, applicationId, PatternType.PREFIXED), AclOperation.READ));
        acls.add(allow(principal, new ResourcePattern(ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED), AclOperation.WRITE));
        return acls;
    }

    /**
     * The alerting sink in consumer group {@code groupId}: read alerts, dead-letter the undeliverable, and
     * share its delivery ledger and silences with the other sink instances.
     */
    static List<AclBinding> sink(String principal, String groupId) {
        List<AclBinding> acls = new ArrayList<>(describeTopics(principal));
        acls.add(topic(principal, Topics.ALERTS, AclOperation.READ));
        acls.add(topic(principal, Topics.SCHEMAS, AclOperation.READ));
        acls.add(topic(principal, Topics.ALERTS_DLQ, AclOperation.WRITE));
        for (Topic<?, ?> state : SinkTopics.ALL) {
            acls.add(topic(principal, state, AclOperation.READ));
            acls.add(topic(principal, state, AclOperation.WRITE));
        }
        acls.add(allow(principal, new ResourcePattern(ResourceType.GROUP, groupId, PatternType.LITERAL), AclOperation.READ));
        return acls;
    }

    private static List<AclBinding> describeTopics(String principal) {
        return List.of(allow(principal, new ResourcePattern(ResourceType.TOPIC, TOPIC_PREFIX, PatternType.PREFIXED), AclOperation.DESCRIBE));
    }

    private static AclBinding topic(String principal, Topic<?, ?> topic, AclOperation operation) {
        return allow(principal, new ResourcePattern(ResourceType.TOPIC, topic.name(), PatternType.LITERAL), operation);
    }

    private static AclBinding allow(String principal, ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
