package io.llmwatch.processor.prompt;

import io.llmwatch.processor.cost.PricedSpan;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.testing.AgentSpans;
import io.llmwatch.processor.topology.SpanEventTimeExtractor;
import io.llmwatch.processor.topology.TopologySettings;
import io.llmwatch.processor.topology.WindowSpec;
import io.llmwatch.processor.trace.TraceAssembly;
import io.llmwatch.processor.trace.TraceSettings;
import io.llmwatch.schemas.feedback.FeedbackEvent;
import io.llmwatch.schemas.span.PromptRef;
import io.llmwatch.schemas.span.Score;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PromptVersionAnalyticsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T14:32:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, SpanEvent> spans;
    private TestInputTopic<String, FeedbackEvent> feedback;
    private int sent;

    @BeforeEach
    void startDriver() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, SpanEvent> source = builder.stream(Topics.SPANS.name(),
                Consumed.with(Topics.SPANS.keySerde(), Topics.SPANS.valueSerde())
                        .withTimestampExtractor(new SpanEventTimeExtractor()).withName("spans"));
        SpanCostCalculator pricing = new SpanCostCalculator(PriceCatalog.bundled());
        KStream<String, PricedSpan> priced = source.mapValues(span -> PricedSpan.of(span, pricing), Named.as("price"));
        TraceAssembly.addTo(builder, priced, TraceSettings.DEFAULTS);
        KStream<String, FeedbackEvent> feedbackSource = builder.stream(Topics.FEEDBACK.name(),
                Consumed.with(Topics.FEEDBACK.keySerde(), Topics.FEEDBACK.valueSerde()).withName("feedback"));
        PromptVersionAnalytics.addTo(builder, priced.filter((traceId, call) -> call.isModelCall(), Named.as("model-calls")),
                feedbackSource, TraceSettings.DEFAULTS.retention(), TopologySettings.DEFAULTS.windows());
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "prompt-version-analytics-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        driver = new TopologyTestDriver(builder.build(), config, T0);
        spans = driver.createInputTopic(Topics.SPANS.name(), Topics.SPANS.keySerde().serializer(),
                Topics.SPANS.valueSerde().serializer());
        feedback = driver.createInputTopic(Topics.FEEDBACK.name(), Topics.FEEDBACK.keySerde().serializer(),
                Topics.FEEDBACK.valueSerde().serializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void send(String prompt, Integer version, String model, long latencyMillis, long inputTokens,
                      long outputTokens, Double... scores) {
        sendAt(T0.plusSeconds(sent + 1), prompt, version, model, latencyMillis, inputTokens, outputTokens, scores);
    }

    /** A call of the prompt that starts at {@code start}: call N (counted from 1) is in trace {@code trace-N}. */
    private void sendAt(Instant start, String prompt, Integer version, String model, long latencyMillis, long inputTokens,
                        long outputTokens, Double... scores) {
        sent++;
        SpanEvent span = AgentSpans.llmCall("trace-" + sent, "span-" + sent, null, start, start.plusMillis(latencyMillis),
                        model, inputTokens, outputTokens)
                .setPrompt(PromptRef.newBuilder().setName(prompt).setVersion(version).build())
                .setScores(Arrays.stream(scores).map(value -> Score.newBuilder().setName("helpfulness")
                        .setValue(value).build()).toList())
                .build();
        spans.pipeInput(span.getTraceId(), span);
    }

    /** A score of trace {@code trace-N} (the N-th call sent), {@code minutesLater} after the call. */
    private void score(int call, String spanId, double value, long minutesLater) {
        Instant at = T0.plusSeconds(call).plus(Duration.ofMinutes(minutesLater));
        feedback.pipeInput("trace-" + call, FeedbackEvent.newBuilder().setFeedbackId("f-" + call + "-" + value)
                .setTraceId("trace-" + call).setSpanId(spanId).setName("thumbs").setValue(value)
                .setTimestampMillis(at.toEpochMilli()).build(), at);
    }

    /** Observations cross to the statistics in batches, once a second. */
    private void letObservationsArrive() {
        driver.advanceWallClockTime(PromptVersionAnalytics.BATCH_INTERVAL);
    }

    private List<PromptVersionRow> versions(String prompt) {
        letObservationsArrive();
        return PromptVersionQueries.versions(driver.getKeyValueStore(PromptVersionAnalytics.STORE), prompt);
    }

    private Optional<PromptQuality> quality(String prompt, WindowSpec window, Instant from, Instant to) {
        letObservationsArrive();
        return PromptVersionQueries.quality(driver.getKeyValueStore(PromptVersionAnalytics.STORE),
                driver.getWindowStore(PromptVersionAnalytics.qualityStore(window)), prompt, window, from, to);
    }

    /** Window start → mean quality of one version, for compact assertions. */
    private static Map<String, Double> meanByWindow(PromptQuality.Version version) {
        Map<String, Double> means = new LinkedHashMap<>();
        version.windows().forEach(window -> means.put(window.windowStart(), window.averageQuality()));
        return means;
    }

    @Test
    void countsCallsTokensAndExactCostPerVersion() {
        send("support-answer", 6, "gpt-4o", 800, 1_000, 500);
        send("support-answer", 6, "gpt-4o", 1_200, 3_000, 500);
        send("support-answer", 7, "gpt-4o-mini", 400, 2_000, 300);

        List<PromptVersionRow> rows = versions("support-answer");

        assertThat(rows).extracting(PromptVersionRow::version).containsExactly("6", "7");
        PromptVersionRow v6 = rows.get(0);
        assertThat(v6.calls()).isEqualTo(2);
        assertThat(v6.tokensPerCall()).isEqualTo(2_500.0);
        assertThat(v6.inputTokensPerCall()).isEqualTo(2_000.0);
        // 1000 × $2.50/M + 500 × $10/M = 0.0075; 3000 × $2.50/M + 500 × $10/M = 0.0125
        assertThat(v6.costUsd()).isEqualTo("0.02");
        assertThat(v6.costPerCallUsd()).isEqualTo("0.01");
        assertThat(rows.get(1).costUsd()).isEqualTo("0.00048");
    }

    @Test
    void reportsLatencyPercentilesWithinTheSketchsAccuracy() {
        for (int millis = 1; millis <= 100; millis++) {
            send("classify", 1, "gpt-4o-mini", millis * 10L, 100, 10);
        }

        PromptVersionRow v1 = versions("classify").get(0);
        assertThat((double) v1.latencyP50Ms()).isCloseTo(500, within(500 * 0.02 + 1));
        assertThat((double) v1.latencyP95Ms()).isCloseTo(950, within(950 * 0.02 + 1));
    }

    @Test
    void averagesQualityOverScoredCallsAndDividesItByCostPerCall() {
        send("support-answer", 7, "gpt-4o-mini", 400, 2_000, 300, 1.0, 0.5);
        send("support-answer", 7, "gpt-4o-mini", 400, 2_000, 300, 0.5);
        send("support-answer", 7, "gpt-4o-mini", 400, 2_000, 300);

        PromptVersionRow v7 = versions("support-answer").get(0);

        assertThat(v7.scoredCalls()).isEqualTo(2);
        assertThat(v7.averageQuality()).isEqualTo(0.625);
        // 0.625 quality per call at $0.00048 per call
        assertThat(v7.qualityPerDollar()).isCloseTo(0.625 / 0.00048, within(1e-9));
    }

    @Test
    void creditsFeedbackArrivingMinutesAfterTheCallToTheVersionThatAnswered() {
        send("support-answer", 6, "gpt-4o", 800, 1_000, 500);
        send("support-answer", 7, "gpt-4o-mini", 400, 2_000, 300);
        send("support-answer", 7, "gpt-4o-mini", 400, 2_000, 300, 0.5);

        score(1, null, 0.0, 20);
        score(2, "span-2", 1.0, 45);
        score(3, null, 1.0, 90);

        List<PromptVersionRow> rows = versions("support-answer");
        PromptVersionRow v6 = rows.get(0);
        assertThat(v6.feedbackScores()).isEqualTo(1);
        assertThat(v6.averageQuality()).isEqualTo(0.0);
        PromptVersionRow v7 = rows.get(1);
        assertThat(v7.calls()).isEqualTo(2);
        assertThat(v7.scoredCalls()).isEqualTo(1);
        assertThat(v7.feedbackScores()).isEqualTo(2);
        // the call's own 0.5 and two feedback scores of 1.0
        assertThat(v7.averageQuality()).isCloseTo(2.5 / 3, within(1e-12));
        assertThat(v7.qualityPerDollar()).isCloseTo((2.5 / 3) / 0.00048, within(1e-6));
    }

    @Test
    void ignoresFeedbackForATraceItNeverSaw() {
        send("support-answer", 7, "gpt-4o-mini", 400, 2_000, 300);

        score(99, null, 1.0, 1);

        assertThat(versions("support-answer").get(0).feedbackScores()).isZero();
    }

    @Test
    void leavesQualityEmptyUntilACallIsScored() {
        send("support-answer", 7, "gpt-4o-mini", 400, 2_000, 300);

        PromptVersionRow v7 = versions("support-answer").get(0);
        assertThat(v7.averageQuality()).isNull();
        assertThat(v7.qualityPerDollar()).isNull();
    }

    @Test
    void countsCallsOfAnUnpricedModelWithoutACost() {
        send("support-answer", 8, "gpt-does-not-exist", 400, 2_000, 300, 1.0);

        PromptVersionRow v8 = versions("support-answer").get(0);
        assertThat(v8.calls()).isEqualTo(1);
        assertThat(v8.unpricedCalls()).isEqualTo(1);
        assertThat(v8.costUsd()).isEqualTo("0");
        assertThat(v8.costPerCallUsd()).isNull();
        assertThat(v8.qualityPerDollar()).isNull();
    }

    @Test
    void ordersRegistryVersionsNumericallyAndKeepsPromptsApart() {
        for (int version : new int[] {10, 2, 1}) {
            send("support-answer", version, "gpt-4o-mini", 400, 2_000, 300);
        }
        send("support-answer-v2", 1, "gpt-4o-mini", 400, 2_000, 300);

        assertThat(versions("support-answer")).extracting(PromptVersionRow::version).containsExactly("1", "2", "10");
        assertThat(versions("support-answer-v2")).hasSize(1);
        assertThat(versions("never-used")).isEmpty();
    }

    @Test
    void averagesEachVersionsScoresWindowByWindow() {
        sendAt(T0.plusSeconds(1), "support-answer", 6, "gpt-4o", 800, 1_000, 500, 1.0);
        sendAt(T0.plusSeconds(2), "support-answer", 6, "gpt-4o", 800, 1_000, 500, 0.5, 0.0);
        sendAt(T0.plusSeconds(3), "support-answer", 7, "gpt-4o-mini", 400, 2_000, 300, 0.8);
        sendAt(T0.plusSeconds(61), "support-answer", 6, "gpt-4o", 800, 1_000, 500, 0.2);
        sendAt(T0.plusSeconds(62), "support-answer", 7, "gpt-4o-mini", 400, 2_000, 300);

        PromptQuality quality = quality("support-answer", WindowSpec.ONE_MINUTE, T0, T0.plusSeconds(120)).orElseThrow();

        assertThat(quality.window()).isEqualTo("1m");
        assertThat(quality.versions()).extracting(PromptQuality.Version::version).containsExactly("6", "7");
        PromptQuality.Version v6 = quality.versions().get(0);
        // a call's score is the mean of its evaluators' scores: 1.0 and 0.25 in the first minute
        assertThat(meanByWindow(v6)).containsExactly(
                Map.entry("2026-11-26T14:32:00Z", 0.625), Map.entry("2026-11-26T14:33:00Z", 0.2));
        assertThat(v6.windows().get(0).scores()).isEqualTo(2);
        assertThat(v6.windows().get(0).windowEnd()).isEqualTo("2026-11-26T14:33:00Z");
        assertThat(v6.scores()).isEqualTo(3);
        assertThat(v6.averageQuality()).isCloseTo(1.45 / 3, within(1e-12));
        // the unscored call of the second minute adds no window
        assertThat(meanByWindow(quality.versions().get(1))).containsExactly(Map.entry("2026-11-26T14:32:00Z", 0.8));
    }

    @Test
    void countsFeedbackInTheWindowItArrivedIn() {
        send("support-answer", 7, "gpt-4o-mini", 400, 2_000, 300, 0.5);

        score(1, null, 1.0, 20);

        PromptQuality.Version v7 = quality("support-answer", WindowSpec.ONE_MINUTE, T0, T0.plus(Duration.ofHours(1)))
                .orElseThrow().versions().get(0);
        assertThat(meanByWindow(v7)).containsExactly(
                Map.entry("2026-11-26T14:32:00Z", 0.5), Map.entry("2026-11-26T14:52:00Z", 1.0));
        // the windowed scores add up to the version's own average
        assertThat(v7.averageQuality()).isEqualTo(versions("support-answer").get(0).averageQuality());
    }

    @Test
    void keepsEveryWindowSizeAndListsOnlyWindowsStartingInTheRange() {
        sendAt(T0.plusSeconds(1), "classify", 1, "gpt-4o-mini", 400, 100, 10, 1.0);
        sendAt(T0.plusSeconds(65), "classify", 1, "gpt-4o-mini", 400, 100, 10, 0.0);
        sendAt(T0.plusSeconds(185), "classify", 2, "gpt-4o-mini", 400, 100, 10);

        PromptQuality hour = quality("classify", WindowSpec.ONE_HOUR, T0.minus(Duration.ofHours(1)), T0).orElseThrow();
        assertThat(meanByWindow(hour.versions().get(0))).containsExactly(Map.entry("2026-11-26T14:00:00Z", 0.5));

        PromptQuality secondMinuteOnly = quality("classify", WindowSpec.ONE_MINUTE, T0.plusSeconds(60), T0.plusSeconds(60))
                .orElseThrow();
        assertThat(meanByWindow(secondMinuteOnly.versions().get(0))).containsExactly(Map.entry("2026-11-26T14:33:00Z", 0.0));
        // a version never scored is listed, with nothing to plot
        PromptQuality.Version v2 = secondMinuteOnly.versions().get(1);
        assertThat(v2.version()).isEqualTo("2");
        assertThat(v2.scores()).isZero();
        assertThat(v2.averageQuality()).isNull();
        assertThat(v2.windows()).isEmpty();
        assertThat(quality("never-used", WindowSpec.ONE_MINUTE, T0, T0.plusSeconds(60))).isEmpty();
    }
}
