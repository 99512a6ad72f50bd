package io.llmwatch.agent;

import io.llmwatch.agent.content.ContentCapture;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.Topics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
@State(Scope.Benchmark)
public class EncodeBenchmark {

    private static final LlmCall CALL = LlmCall.builder()
            .provider("openai").requestModel("gpt-4o-mini").responseModel("gpt-4o-mini-2024-07-18")
            .startTime(Instant.parse("2025-11-06T12:00:00Z")).duration(Duration.ofMillis(850))
            .timeToFirstToken(Duration.ofMillis(210))
            .usage(TokenUsage.builder().inputTokens(1_200).cacheReadTokens(1_024).outputTokens(300).build())
            .finishReasons("stop")
            .attribution(Attribution.builder().tenant("tenant-7").user("user-17").session("session-4")
                    .feature("support-chat").tag("sequence", "1234").build())
            .build();

    private final SpanEventMapper mapper = new SpanEventMapper("bench", "agent", Attribution.EMPTY, ContentCapture.HASHES_ONLY);
    private final SpanEvent event = mapper.toSpanEvent(CALL);

    @Benchmark
    public SpanEvent map() {
        return mapper.toSpanEvent(CALL);
    }

    @Benchmark
    public byte[] encode() {
        return Topics.SPANS.valueSerde().serializer().serialize("t", event);
    }

    @Benchmark
    public byte[] mapAndEncode() {
        return Topics.SPANS.valueSerde().serializer().serialize("t", mapper.toSpanEvent(CALL));
    }
}
