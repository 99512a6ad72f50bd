package io.llmwatch.agent.export;

import io.llmwatch.schemas.topic.Topic;
import org.apache.kafka.common.serialization.Serdes;

import java.util.Map;

/** The smallest event: a string on a test topic. */
record TestEvent(String key, String text) implements OutboundRecord<String> {

    static final Topic<String, String> TOPIC = new Topic<>("test.events", Serdes.String(), Serdes.String(), Map.of());

    @Override
    public Topic<String, String> topic() {
        return TOPIC;
    }

    @Override
    public String value() {
        return text;
    }
}
