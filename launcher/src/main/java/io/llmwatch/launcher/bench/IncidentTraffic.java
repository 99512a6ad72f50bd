package io.llmwatch.launcher.bench;

import io.llmwatch.schemas.span.Attribution;
import io.llmwatch.schemas.span.Content;
import io.llmwatch.schemas.span.PromptRef;
import io.llmwatch.schemas.span.Score;
import io.llmwatch.schemas.span.SpanError;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.span.Usage;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The detection benchmark's traffic: a steady multi-tenant app (features, each with its model and prompt; Zipf
 * users; 1% errors; agent-side helpfulness scores on a third of the calls) and five incidents switched on by
 * event time:
 * <ol>
 *   <li>{@code cost_spike}: the checkout assistant's prompts grow twelvefold;</li>
 *   <li>{@code latency_regression}: the model behind the search feature answers three times slower;</li>
 *   <li>{@code error_burst}: 40% of the translation model's calls fail;</li>
 *   <li>{@code quality_drop}: the support prompt's new version answers worse;</li>
 *   <li>{@code token_drift}: the summariser's answers grow 2.5 times longer, same prompt version.</li>
 * </ol>
 */
final class IncidentTraffic {

    /** A feature of the simulated app: its model, prompt and the size of its calls. */
    record Feature(String name, String provider, String model, String prompt, int weight, long inputTokens,
                   long outputTokens, long latencyMillis) {
    }

    static final Feature SUPPORT = new Feature("support-chat", "openai", "gpt-4o-mini", "support-answer", 30, 1_500, 300, 900);
    static final Feature CHECKOUT = new Feature("checkout-assistant", "openai", "gpt-4o", "checkout-helper", 10, 1_200, 200, 1_200);
    static final Feature SEARCH = new Feature("search", "anthropic", "claude-3-5-haiku-latest", "search-rerank", 20, 800, 100, 600);
    static final Feature TRANSLATE = new Feature("translate", "anthropic", "claude-sonnet-4-5", "translate-text", 15, 1_000, 900, 2_000);
    static final Feature SUMMARIZE = new Feature("summarizer", "google", "gemini-2.5-flash", "summarize-doc", 25, 3_000, 250, 1_500);
    static final List<Feature> FEATURES = List.of(SUPPORT, CHECKOUT, SEARCH, TRANSLATE, SUMMARIZE);

    private static final int USERS = 2_000;
    private static final int TENANTS = 6;
    private static final double BASE_ERROR_RATE = 0.01;
    private static final double SCORED_SHARE = 0.3;
    private static final String V1_HASH = "1".repeat(64);
    private static final String V2_HASH = "2".repeat(64);

    private final SplittableRandom random;
    private final Schedule schedule;
    private final int totalWeight = FEATURES.stream().mapToInt(Feature::weight).sum();
    private long sequence;

    /** Event times (epoch millis) at which each incident starts and ends. */
    record Schedule(long costSpike, long latency, long errors, long qualityDrop, long tokenDrift, long lengthMillis) {

        boolean active(long start, long at) {
            return at >= start && at < start + lengthMillis;
        }
    }

    IncidentTraffic(long seed, Schedule schedule) {
        this.random = new SplittableRandom(seed);
        this.schedule = schedule;
    }

    SpanEvent next(long endMillis) {
        long id = ++sequence;
        Feature feature = pickFeature();
        int user = zipfUser();
        double input = feature.inputTokens() * (0.7 + 0.6 * random.nextDouble());
        double output = feature.outputTokens() * (0.6 + 0.8 * random.nextDouble());
        double latency = feature.latencyMillis() * (0.7 + 0.6 * random.nextDouble());
        double errorRate = BASE_ERROR_RATE;
        double helpfulness = clamp(0.86 + random.nextGaussian() * 0.06);
        int promptVersion = 1;

        if (feature == CHECKOUT && schedule.active(schedule.costSpike(), endMillis)) {
            input *= 12;
        }
        if (feature == SEARCH && schedule.active(schedule.latency(), endMillis)) {
            latency *= 3;
        }
        if (feature == TRANSLATE && schedule.active(schedule.errors(), endMillis)) {
            errorRate = 0.4;
        }
        // A release, not an incident that ends: the new version stays.
        if (feature == SUPPORT && endMillis >= schedule.qualityDrop()) {
            promptVersion = 2;
            helpfulness = clamp(0.45 + random.nextGaussian() * 0.1);
        }
        if (feature == SUMMARIZE && schedule.active(schedule.tokenDrift(), endMillis)) {
            output *= 2.5;
        }
        boolean failed = random.nextDouble() < errorRate;
        long latencyMillis = Math.round(latency);
        SpanEvent.Builder span = SpanEvent.newBuilder()
                .setTraceId(HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(id))
                .setSpanId(HexFormat.of().toHexDigits(id))
                .setName("chat " + feature.model())
                .setOperation("chat")
                .setProvider(feature.provider())
                .setRequestModel(feature.model())
                .setResponseModel(feature.model())
                .setStartTimeUnixNano((endMillis - latencyMillis) * 1_000_000L)
                .setEndTimeUnixNano(endMillis * 1_000_000L)
                .setTimeToFirstTokenNanos(Math.round(latencyMillis * 0.25) * 1_000_000L)
                .setUsage(Usage.newBuilder().setInputTokens(Math.round(input))
                        .setOutputTokens(failed ? 0 : Math.round(output)).build())
                .setFinishReasons(failed ? List.of() : List.of("stop"))
                .setAttribution(Attribution.newBuilder()
                        .setTenant("tenant-" + (user % TENANTS))
                        .setUser("user-" + user)
                        .setFeature(feature.name())
                        .setEnvironment("production")
                        .setTags(Map.of())
                        .build())
                .setPrompt(PromptRef.newBuilder().setName(feature.prompt()).setVersion(promptVersion)
                        .setTemplateSha256(promptVersion == 1 ? V1_HASH : V2_HASH).build())
                .setContent(Content.newBuilder().build())
                .setSource("bench");
        if (failed) {
            span.setError(SpanError.newBuilder().setType("500").setMessage("upstream error").setRetryable(true).build());
        } else if (random.nextDouble() < SCORED_SHARE) {
            span.setScores(List.of(Score.newBuilder().setName("helpfulness").setValue(helpfulness).build()));
        }
        return span.build();
    }

    private Feature pickFeature() {
        int draw = random.nextInt(totalWeight);
        for (Feature feature : FEATURES) {
            draw -= feature.weight();
            if (draw < 0) {
                return feature;
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    /** A few heavy users and a long tail: rank r drawn with probability proportional to 1 / r. */
    private int zipfUser() {
        return (int) Math.floor(Math.exp(random.nextDouble() * Math.log(USERS)));
    }

    private static double clamp(double score) {
        return Math.max(0, Math.min(1, score));
    }
}
