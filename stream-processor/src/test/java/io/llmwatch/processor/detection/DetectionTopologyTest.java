package io.llmwatch.processor.detection;

import io.llmwatch.processor.cost.PricedSpan;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.detection.budget.BudgetDefinition;
import io.llmwatch.processor.detection.anomaly.AnomalySettings;
import io.llmwatch.processor.detection.anomaly.CostAnomalySettings;
import io.llmwatch.processor.detection.comparison.ShiftCriteria;
import io.llmwatch.processor.detection.comparison.WindowSizes;
import io.llmwatch.processor.detection.drift.DriftSettings;
import io.llmwatch.processor.detection.efficiency.EfficiencySettings;
import io.llmwatch.processor.detection.lifecycle.LifecycleSettings;
import io.llmwatch.processor.detection.quality.QualitySettings;
import io.llmwatch.processor.detection.quality.heuristic.HeuristicSettings;
import io.llmwatch.processor.detection.regression.ErrorRateSettings;
import io.llmwatch.processor.detection.regression.LatencySettings;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.trace.TraceAssembly;
import io.llmwatch.processor.trace.TraceSettings;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import io.llmwatch.schemas.budget.BudgetEntry;
import io.llmwatch.schemas.feedback.FeedbackEvent;
import io.llmwatch.schemas.span.Attribution;
import io.llmwatch.schemas.span.Content;
import io.llmwatch.schemas.span.PromptRef;
import io.llmwatch.schemas.span.SpanError;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.span.Usage;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detectors as the topology runs them: signals routed per dimension key, states in stores (flushed on the
 * wall-clock punctuation, so every test also reads its states back through their serdes), verdicts on the alerts
 * topic with every field an alert carries.
 */
class DetectionTopologyTest {

    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");
    private static final long NANOS_PER_MILLI = 1_000_000L;

    @TempDir
    Path stateDirectory;

    private TopologyTestDriver driver;
    private TestInputTopic<String, SpanEvent> spans;
    private TestInputTopic<String, FeedbackEvent> feedback;
    private TestInputTopic<String, BudgetEntry> budgets;
    private TestOutputTopic<String, AlertEvent> alerts;
    private long ids;

    /**
     * Each detector is tested at its own default sizes in its unit tests; here small windows and a short warm-up
     * test the wiring with a few hundred calls instead of thousands.
     */
    private static final DetectionSettings SMALL = new DetectionSettings(CostSpikeSettings.DEFAULTS,
            CostAnomalySettings.DEFAULTS.withBucket(Duration.ofSeconds(1), Duration.ofSeconds(2)).withDetector(
                    new AnomalySettings(16, List.of(1, 4), 8_000, 5, 25, 20, Duration.ofDays(7), 24, 0.02)),
            List.of(),
            new QualitySettings(new WindowSizes(30, 60), new ShiftCriteria(15, 0.01, 0.33), 0.85, 0.95, 0.7, 1,
                    new LifecycleSettings(3, 10)),
            DetectionSettings.HEURISTIC_QUALITY, HeuristicSettings.DEFAULTS,
            new DriftSettings(new WindowSizes(30, 60), new ShiftCriteria(20, 0.001, 0.33), 0.15, 10,
                    new LifecycleSettings(2, 5)),
            new LatencySettings(new WindowSizes(20, 40), new ShiftCriteria(15, 0.001, 0.33), 1.5, 1.2, 3, 5,
                    new LifecycleSettings(2, 5)),
            new ErrorRateSettings(new WindowSizes(60, 200), new ShiftCriteria(40, 0.001, 0.05), 0.015, 0.25, 10,
                    new LifecycleSettings(2, 10)),
            EfficiencySettings.DEFAULTS, Duration.ofHours(1));

    private void start(DetectionSettings detection) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "llmwatch-detection-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // Its own state directory: another build running this test at the same time must not share RocksDB locks.
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        // The detection part alone: attribution, traces and prompt analytics would only slow the test down.
        StreamsBuilder builder = new StreamsBuilder();
        SpanCostCalculator pricing = new SpanCostCalculator(PriceCatalog.bundled());
        KStream<String, PricedSpan> pricedCalls = builder.stream(Topics.SPANS.name(),
                        Consumed.with(Topics.SPANS.keySerde(), Topics.SPANS.valueSerde()).withName("spans"))
                .mapValues(span -> PricedSpan.of(span, pricing), Named.as("price"))
                .filter((traceId, priced) -> priced.isModelCall(), Named.as("model-calls"));
        // Feedback is joined to its call through the trace store.
        TraceAssembly.addTo(builder, pricedCalls, TraceSettings.DEFAULTS);
        KStream<String, FeedbackEvent> feedbackEvents = builder.stream(Topics.FEEDBACK.name(),
                Consumed.with(Topics.FEEDBACK.keySerde(), Topics.FEEDBACK.valueSerde()).withName("feedback"));
        DetectionTopology.addTo(builder, pricedCalls, feedbackEvents, TraceSettings.DEFAULTS.retention(), detection,
                Clock.fixed(START, ZoneOffset.UTC));
        driver = new TopologyTestDriver(builder.build(), config, START);
        spans = driver.createInputTopic(Topics.SPANS.name(), Topics.SPANS.keySerde().serializer(),
                Topics.SPANS.valueSerde().serializer());
        feedback = driver.createInputTopic(Topics.FEEDBACK.name(), Topics.FEEDBACK.keySerde().serializer(),
                Topics.FEEDBACK.valueSerde().serializer());
        budgets = driver.createInputTopic(Topics.BUDGETS.name(), Topics.BUDGETS.keySerde().serializer(),
                Topics.BUDGETS.valueSerde().serializer());
        alerts = driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(),
                Topics.ALERTS.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    /** A gpt-4o chat call of the support-answer prompt; $0.0075 at 1,000 input and 500 output tokens. */
    private SpanEvent.Builder call(Instant end) {
        long id = ++ids;
        long endNanos = end.toEpochMilli() * NANOS_PER_MILLI;
        return SpanEvent.newBuilder()
                .setTraceId(HexFormat.of().formatHex(new byte[8]) + HexFormat.of().toHexDigits(id))
                .setSpanId(HexFormat.of().toHexDigits(id))
                .setName("chat gpt-4o").setOperation("chat").setProvider("openai")
                .setRequestModel("gpt-4o").setResponseModel("gpt-4o")
                .setStartTimeUnixNano(endNanos - 800 * NANOS_PER_MILLI).setEndTimeUnixNano(endNanos)
                .setUsage(Usage.newBuilder().setInputTokens(1_000).setOutputTokens(500).build())
                .setAttribution(Attribution.newBuilder().setTenant("acme").setUser("u-1").setFeature("support-chat")
                        .setTags(Map.of()).build())
                .setPrompt(PromptRef.newBuilder().setName("support-answer").setVersion(1).setTemplateSha256("a".repeat(64))
                        .build())
                .setContent(Content.newBuilder().build())
                .setSource("test");
    }

    private static SpanEvent.Builder lasting(SpanEvent.Builder call, long millis) {
        return call.setStartTimeUnixNano(call.getEndTimeUnixNano() - millis * NANOS_PER_MILLI);
    }

    /** Sends a call and lets its signals' batches leave for the detectors, as they do within 100 ms in production. */
    private void send(SpanEvent span) {
        spans.pipeInput(span.getTraceId(), span, span.getEndTimeUnixNano() / NANOS_PER_MILLI);
        driver.advanceWallClockTime(DetectionTopology.SIGNAL_BATCH_INTERVAL);
    }

    /** Lets every pending signal batch, feedback's included, reach the detectors. */
    private void flush() {
        driver.advanceWallClockTime(Duration.ofSeconds(2));
    }

    private List<AlertEvent> alertsOf(String type) {
        return alerts.readValuesToList().stream().filter(alert -> alert.getType().equals(type)).toList();
    }

    private static void assertComplete(AlertEvent alert) {
        assertThat(alert.getDedupKey()).startsWith(alert.getType() + "|" + alert.getDimension() + "|");
        assertThat(alert.getSummary()).isNotBlank();
        assertThat(alert.getRunbook()).isNotBlank();
        assertThat(alert.getWindowEndMillis()).isGreaterThanOrEqualTo(alert.getWindowStartMillis());
        assertThat(alert.getObserved()).isNotBlank();
        assertThat(alert.getExpected()).isNotBlank();
    }

    @Test
    void warnsAtEightyPercentOfAConfiguredHourlyBudgetAndAgainWhenItIsSpent() {
        start(SMALL.withBudgets(
                List.of(new BudgetDefinition("tenant|acme", new BigDecimal("0.05"), null))));

        for (int i = 0; i < 7; i++) {
            send(call(START.plusSeconds(i)).build());
            flush();
        }

        List<AlertEvent> budget = alertsOf("budget");
        assertThat(budget).extracting(AlertEvent::getSeverity).containsExactly(Severity.WARNING, Severity.CRITICAL);
        assertThat(budget).extracting(AlertEvent::getObserved).containsExactly("0.045", "0.0525");
        assertThat(budget.get(0).getDimension()).isEqualTo("tenant");
        assertThat(budget.get(0).getDimensionKey()).isEqualTo("acme");
        assertThat(budget.get(0).getTenant()).isEqualTo("acme");
        budget.forEach(DetectionTopologyTest::assertComplete);
    }

    @Test
    void aBudgetPublishedOnTheBudgetsTopicTakesEffectWithoutRestart() {
        start(SMALL);
        budgets.pipeInput("feature|support-chat", BudgetEntry.newBuilder().setKey("feature|support-chat")
                .setDailyCapUsd("0.02").setUpdatedAtMillis(START.toEpochMilli()).build());

        for (int i = 0; i < 3; i++) {
            send(call(START.plusSeconds(i)).build());
        }

        assertThat(alertsOf("budget")).extracting(AlertEvent::getDimensionKey, AlertEvent::getSeverity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("support-chat", Severity.CRITICAL));
    }

    @Test
    void firesOneLatencyRegressionForTheModelWhoseCallsSlowedDown() {
        start(SMALL);
        Instant at = START;
        for (int i = 0; i < 100; i++) {
            send(lasting(call(at = at.plusMillis(200)), 800 + i % 7 * 20).build());
        }
        flush();
        for (int i = 0; i < 40; i++) {
            send(lasting(call(at = at.plusMillis(200)), 2_400 + i % 7 * 20).build());
        }

        List<AlertEvent> latency = alertsOf("latency_regression").stream()
                .filter(alert -> alert.getDimension().equals("model")).toList();
        assertThat(latency).hasSize(1);
        AlertEvent alert = latency.get(0);
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.getDimensionKey()).isEqualTo("gpt-4o");
        assertThat(alert.getPValue()).isLessThan(0.001);
        assertThat(alert.getExemplarTraceIds()).isNotEmpty();
        assertComplete(alert);
    }

    @Test
    void firesAnErrorRateAlertOnAnErrorBurst() {
        start(SMALL);
        Instant at = START;
        for (int i = 0; i < 300; i++) {
            send(call(at = at.plusMillis(50)).build());
        }
        flush();
        for (int i = 0; i < 60; i++) {
            SpanEvent.Builder call = call(at = at.plusMillis(50));
            if (i % 2 == 0) {
                call.setError(SpanError.newBuilder().setType("429").build());
            }
            send(call.build());
        }

        List<AlertEvent> errors = alertsOf("error_rate");
        assertThat(errors).extracting(AlertEvent::getDimension).containsExactlyInAnyOrder("model", "provider");
        errors.forEach(DetectionTopologyTest::assertComplete);
    }

    @Test
    void stampsAnAlertWithTheNewestEventTimeSeenNotWithTheOlderCallThatCompletedTheEvidence() {
        start(SMALL);
        Instant at = START;
        for (int i = 0; i < 300; i++) {
            send(call(at = at.plusMillis(50)).build());
        }
        flush();
        // One partition runs ahead: its call is newer than every call of the burst processed after it.
        Instant newest = at.plusSeconds(10);
        send(call(newest).build());
        for (int i = 0; i < 60; i++) {
            SpanEvent.Builder call = call(at = at.plusMillis(50));
            if (i % 2 == 0) {
                call.setError(SpanError.newBuilder().setType("429").build());
            }
            send(call.build());
        }

        List<TestRecord<String, AlertEvent>> errors = alerts.readRecordsToList().stream()
                .filter(record -> record.value().getType().equals("error_rate")).toList();
        assertThat(errors).isNotEmpty().allSatisfy(record ->
                assertThat(record.timestamp()).isEqualTo(newest.toEpochMilli()));
    }

    @Test
    void creditsFeedbackArrivingMinutesLaterToTheCallsModelAndPromptVersion() {
        start(SMALL);
        Instant at = START;
        for (int i = 0; i < 120; i++) {
            SpanEvent span = call(at = at.plusMillis(500)).build();
            send(span);
            double score = i < 80 ? 0.8 + i % 5 * 0.04 : 0.2 + i % 5 * 0.04;
            Instant later = at.plus(Duration.ofMinutes(3));
            feedback.pipeInput(span.getTraceId(), FeedbackEvent.newBuilder().setFeedbackId(UUID.randomUUID().toString())
                    .setTraceId(span.getTraceId()).setName("thumbs").setValue(score)
                    .setTimestampMillis(later.toEpochMilli()).build(), later);
            if (i == 60) {
                flush();
            }
        }

        List<AlertEvent> quality = alertsOf("quality_degradation");
        assertThat(quality).hasSize(1);
        AlertEvent alert = quality.get(0);
        assertThat(alert.getDimension()).isEqualTo("model_prompt");
        assertThat(alert.getDimensionKey()).isEqualTo("gpt-4o|support-answer@1");
        assertThat(alert.getAttributes()).containsEntry("score_name", "thumbs").containsEntry("source", "feedback");
        assertThat(alert.getSummary()).startsWith("thumbs: Quality fell");
        assertComplete(alert);
    }

    @Test
    void firesQualityDegradationWhenANewPromptVersionIsWorseThanTheOneItReplaces() {
        start(SMALL);
        Instant at = START;
        for (int i = 0; i < 140; i++) {
            boolean newVersion = i >= 100;
            SpanEvent.Builder call = call(at = at.plusMillis(500));
            if (newVersion) {
                call.setPrompt(PromptRef.newBuilder().setName("support-answer").setVersion(2)
                        .setTemplateSha256("b".repeat(64)).build());
            }
            SpanEvent span = call.build();
            send(span);
            double score = newVersion ? 0.3 + i % 5 * 0.04 : 0.8 + i % 5 * 0.04;
            feedback.pipeInput(span.getTraceId(), FeedbackEvent.newBuilder().setFeedbackId(UUID.randomUUID().toString())
                    .setTraceId(span.getTraceId()).setName("thumbs").setValue(score)
                    .setTimestampMillis(at.toEpochMilli()).build(), at);
            if (i == 50) {
                flush();
            }
        }

        List<AlertEvent> quality = alertsOf("quality_degradation");
        assertThat(quality).singleElement().satisfies(alert -> {
            assertThat(alert.getDimensionKey()).isEqualTo("gpt-4o|support-answer@2");
            assertThat(alert.getAttributes()).containsEntry("previous_version", "gpt-4o|support-answer@1");
            assertComplete(alert);
        });
    }

    @Test
    void reportsWhichIndicatorsMovedWhenAPromptVersionChanges() {
        start(SMALL);
        Instant at = START;
        for (int i = 0; i < 100; i++) {
            send(call(at = at.plusMillis(500)).setUsage(Usage.newBuilder().setInputTokens(1_000)
                    .setOutputTokens(480 + i % 40).build()).build());
        }
        flush();
        for (int i = 0; i < 60; i++) {
            send(call(at = at.plusMillis(500))
                    .setPrompt(PromptRef.newBuilder().setName("support-answer").setVersion(2)
                            .setTemplateSha256("b".repeat(64)).build())
                    .setUsage(Usage.newBuilder().setInputTokens(1_000).setOutputTokens(980 + i % 40).build()).build());
        }

        List<AlertEvent> drift = alertsOf("prompt_drift");
        assertThat(drift).isNotEmpty();
        AlertEvent alert = drift.get(0);
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.getDimensionKey()).isEqualTo("support-answer");
        assertThat(alert.getSummary()).contains("v2").contains("against v1").contains("output_tokens up");
        assertComplete(alert);
    }

    @Test
    void firesACostAnomalyWhileTheSpikingBucketIsStillOpen() {
        start(SMALL);
        Instant at = START;
        for (int second = 0; second < 40; second++) {
            for (int i = 0; i < 4 + second % 3; i++) {
                send(call(at.plusSeconds(second).plusMillis(i * 100L)).build());
            }
            if (second % 15 == 0) {
                flush();
            }
        }
        alerts.readValuesToList();
        Instant spike = at.plusSeconds(40);
        for (int i = 0; i < 40; i++) {
            send(call(spike.plusMillis(i * 20L)).build());
        }

        List<AlertEvent> anomalies = alertsOf("cost_anomaly");
        assertThat(anomalies).extracting(AlertEvent::getDimension).contains("feature", "tenant", "model", "global");
        AlertEvent feature = anomalies.stream().filter(alert -> alert.getDimension().equals("feature")).findFirst()
                .orElseThrow();
        assertThat(feature.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(feature.getSummary()).contains("while the bucket is still open");
        assertThat(feature.getWindowStartMillis()).isEqualTo(spike.toEpochMilli());
        assertThat(feature.getScore()).isGreaterThanOrEqualTo(0.75);
        assertComplete(feature);
    }
}
