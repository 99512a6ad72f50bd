package io.llmwatch.launcher.bench;

import io.llmwatch.schemas.span.Attribution;
import io.llmwatch.schemas.span.Content;
import io.llmwatch.schemas.span.PromptRef;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.span.Usage;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Spans with the key distribution of a real multi-tenant app, for throughput benchmarks: users and
 * features drawn from Zipf distributions (a few heavy hitters, a long tail), tens of catalogue
 * models, and event times advancing steadily so windows open and close as in production.
 */
final class BenchSpanGenerator {

    private static final List<String[]> MODELS = List.of(
            new String[] {"openai", "gpt-4o"}, new String[] {"openai", "gpt-4o-mini"}, new String[] {"openai", "gpt-4.1"},
            new String[] {"openai", "gpt-4.1-mini"}, new String[] {"openai", "gpt-4.1-nano"}, new String[] {"openai", "o3"},
            new String[] {"openai", "o4-mini"}, new String[] {"openai", "gpt-3.5-turbo"}, new String[] {"openai", "gpt-5"},
            new String[] {"openai", "gpt-5-mini"}, new String[] {"openai", "text-embedding-3-small"},
            new String[] {"anthropic", "claude-sonnet-4-5"}, new String[] {"anthropic", "claude-3-5-haiku-latest"},
            new String[] {"anthropic", "claude-opus-4-1"}, new String[] {"anthropic", "claude-3-7-sonnet-latest"},
            new String[] {"anthropic", "claude-haiku-4-5"}, new String[] {"google", "gemini-2.5-flash"},
            new String[] {"google", "gemini-2.5-pro"}, new String[] {"google", "gemini-2.0-flash"},
            new String[] {"google", "gemini-2.5-flash-lite"}, new String[] {"mistral", "mistral-large-latest"},
            new String[] {"mistral", "mistral-small-latest"}, new String[] {"deepseek", "deepseek-chat"},
            new String[] {"deepseek", "deepseek-reasoner"}, new String[] {"groq", "llama-3.3-70b-versatile"});
    private static final int USERS = 20_000;
    private static final int FEATURES = 40;
    private static final int TENANTS = 12;

    private final SplittableRandom random;
    private final Zipf users = new Zipf(USERS, 1.1);
    private final Zipf features = new Zipf(FEATURES, 1.2);
    private final long startMillis;
    private final long millisPerSpan;
    private long sequence;

    /**
     * @param eventsPerSecondOfEventTime how fast event time advances per span generated
     */
    BenchSpanGenerator(long seed, Instant start, int eventsPerSecondOfEventTime) {
        this.random = new SplittableRandom(seed);
        this.startMillis = start.toEpochMilli();
        this.millisPerSpan = Math.max(1, 1_000 / eventsPerSecondOfEventTime);
    }

    SpanEvent next() {
        long id = ++sequence;
        long endMillis = startMillis + id * millisPerSpan;
        long latency = 200 + random.nextInt(3_000);
        String[] model = MODELS.get(random.nextInt(MODELS.size()));
        int feature = features.sample(random);
        int user = users.sample(random);
        long input = 200 + random.nextInt(6_000);
        return SpanEvent.newBuilder()
                .setTraceId(HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(id))
                .setSpanId(HexFormat.of().toHexDigits(id))
                .setName("chat " + model[1])
                .setOperation("chat")
                .setProvider(model[0])
                .setRequestModel(model[1])
                .setStartTimeUnixNano((endMillis - latency) * 1_000_000L)
                .setEndTimeUnixNano(endMillis * 1_000_000L)
                .setUsage(Usage.newBuilder()
                        .setInputTokens(input)
                        .setCacheReadTokens(random.nextInt(4) == 0 ? input / 2 : 0)
                        .setOutputTokens(20 + random.nextInt(800))
                        .build())
                .setAttribution(Attribution.newBuilder()
                        .setTenant("tenant-" + (user % TENANTS))
                        .setUser("user-" + user)
                        .setFeature("feature-" + feature)
                        .setEnvironment("production")
                        .setTags(Map.of())
                        .build())
                .setPrompt(PromptRef.newBuilder().setName("prompt-" + feature).setVersion(1 + (int) (id % 3)).build())
                .setContent(Content.newBuilder().build())
                .setSource("bench")
                .build();
    }

    /** Zipf-distributed ranks 0..n-1 by inverse transform over a precomputed cumulative table. */
    private static final class Zipf {
        private final double[] cumulative;

        Zipf(int n, double exponent) {
            cumulative = new double[n];
            double sum = 0;
            for (int rank = 1; rank <= n; rank++) {
                sum += 1 / Math.pow(rank, exponent);
                cumulative[rank - 1] = sum;
            }
            for (int i = 0; i < n; i++) {
                cumulative[i] /= sum;
            }
        }

        int sample(SplittableRandom random) {
            int index = Arrays.binarySearch(cumulative, random.nextDouble());
            return index >= 0 ? index : Math.min(-index - 1, cumulative.length - 1);
        }
    }
}
