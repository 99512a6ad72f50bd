package io.llmwatch.agent;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AttributionTest {

    @Test
    void theSpecificAttributionWinsAndTheFallbackFillsTheGaps() {
        Attribution call = Attribution.builder().tenant("acme").user("u-1").tag("plan", "pro").tag("ab", "b").build();
        Attribution client = Attribution.builder().tenant("default").environment("production").release("2.4.1")
                .service("helpdesk").tag("region", "eu").tag("ab", "a").build();

        Attribution merged = call.withFallback(client);

        assertThat(merged.tenant()).contains("acme");
        assertThat(merged.user()).contains("u-1");
        assertThat(merged.environment()).contains("production");
        assertThat(merged.release()).contains("2.4.1");
        assertThat(merged.service()).contains("helpdesk");
        assertThat(merged.session()).isEmpty();
        assertThat(merged.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("plan", "pro", "ab", "b", "region", "eu"));
    }

    @Test
    void nullTagsAreIgnored() {
        Map<String, String> tags = new HashMap<>();
        tags.put(null, "x");
        tags.put("y", null);
        tags.put("kept", "yes");

        Attribution attribution = Attribution.builder().tags(tags).tag(null, "z").tags(null).build();

        assertThat(attribution.tags()).isEqualTo(Map.of("kept", "yes"));
    }

    @Test
    void anAttributionIsAnImmutableValue() {
        Attribution attribution = Attribution.builder().tenant("acme").service("helpdesk").tag("plan", "pro").build();

        assertThat(attribution.tags()).isUnmodifiable();
        assertThat(attribution.toBuilder().build()).isEqualTo(attribution).hasSameHashCodeAs(attribution);
        assertThat(attribution.withFallback(null)).isSameAs(attribution);
    }
}
