package io.llmwatch.processor.api;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PathTemplateTest {

    @Test
    void matchesLiteralPathsExactly() {
        PathTemplate traces = new PathTemplate("/api/traces");

        assertThat(traces.match("/api/traces")).contains(Map.of());
        assertThat(traces.match("/api/traces/")).isEmpty();
        assertThat(traces.match("/api/trace")).isEmpty();
    }

    @Test
    void capturesVariableSegmentsDecoded() {
        PathTemplate versions = new PathTemplate("/api/prompts/{name}/versions");

        assertThat(versions.match("/api/prompts/support%20answer/versions")).contains(Map.of("name", "support answer"));
        assertThat(versions.match("/api/prompts/a%2Fb/versions")).contains(Map.of("name", "a/b"));
        assertThat(versions.match("/api/prompts/c++/versions")).contains(Map.of("name", "c++"));
    }

    @Test
    void refusesAnEmptyOrMissingVariableSegment() {
        PathTemplate trace = new PathTemplate("/api/traces/{traceId}");

        assertThat(trace.match("/api/traces/")).isEmpty();
        assertThat(trace.match("/api/traces")).isEmpty();
        assertThat(trace.match("/api/traces/abc/def")).isEmpty();
    }
}
