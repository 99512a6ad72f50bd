package io.llmwatch.launcher.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TopicEndOffsetsTest {

    @Test
    void countsWhatEachTopicGainedAndATopicCreatedMeanwhileWhole() {
        TopicEndOffsets before = new TopicEndOffsets(Map.of("spans", 1_000L, "alerts", 10L));
        TopicEndOffsets after = new TopicEndOffsets(Map.of("spans", 1_000L, "alerts", 25L, "app-store-changelog", 400L));

        assertThat(after.writtenSince(before, "alerts")).isEqualTo(15);
        assertThat(after.writtenSince(before, "app-store-changelog")).isEqualTo(400);
        assertThat(after.writtenSince(before, "late")).isZero();
        assertThat(after.writtenSince(before)).isEqualTo(415);
    }
}
