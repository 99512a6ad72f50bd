package io.llmwatch.launcher.bench;

import io.llmwatch.agent.Attribution;
import io.llmwatch.agent.LlmCall;
import io.llmwatch.agent.TokenUsage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Realistic, distinct LLM calls built before a measurement, so building them is not what is measured. */
final class SampleCalls {

    private static final Instant START = Instant.parse("2025-11-06T12:00:00Z");

    private SampleCalls() {
    }

    /** {@code count} chat calls, each its own trace, numbered by a {@code sequence} tag. */
    static List<LlmCall> of(int count, String feature) {
        List<LlmCall> calls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            calls.add(call(i, feature));
        }
        return calls;
    }

    /** The {@code i}th call of {@code feature}: its own trace, numbered by a {@code sequence} tag. */
    static LlmCall call(int i, String feature) {
        return LlmCall.builder()
                .provider("openai").requestModel("gpt-4o-mini").responseModel("gpt-4o-mini-2024-07-18")
                .startTime(START.plusMillis(i)).duration(Duration.ofMillis(850 + i % 400))
                .timeToFirstToken(Duration.ofMillis(210))
                .usage(TokenUsage.builder().inputTokens(1_200 + i % 700).cacheReadTokens(1_024).outputTokens(300 + i % 90).build())
                .finishReasons("stop")
                .attribution(Attribution.builder().tenant("tenant-" + i % 50).user("user-" + i % 5_000)
                        .session("session-" + i % 20_000).feature(feature).tag("sequence", Integer.toString(i)).build())
                .build();
    }
}
