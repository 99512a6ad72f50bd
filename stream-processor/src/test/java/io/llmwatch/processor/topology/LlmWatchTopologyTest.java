package io.llmwatch.processor.topology;

import io.llmwatch.processor.detection.DetectionTopology;
import io.llmwatch.processor.cost.CostAggregate;
import io.llmwatch.processor.cost.Dimension;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.pricing.updates.PriceBook;
import io.llmwatch.processor.prompt.PromptVersionAnalytics;
import io.llmwatch.processor.prompt.PromptVersionStats;
import io.llmwatch.processor.serde.InternalSerdes;
import io.llmwatch.schemas.price.PriceEntry;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.feedback.FeedbackEvent;
import io.llmwatch.schemas.span.PromptRef;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LlmWatchTopologyTest {

    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");
    private static final PriceCatalog CATALOG = PriceCatalog.bundled();

    private TopologyTestDriver driver;
    private TestInputTopic<String, SpanEvent> spans;
    private TestOutputTopic<String, AlertEvent> alerts;

    @BeforeEach
    void startDriver() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "llmwatch-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        config.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DLQ.name());
        Clock clock = Clock.fixed(START, ZoneOffset.UTC);
        driver = new TopologyTestDriver(
                LlmWatchTopology.build(TopologySettings.DEFAULTS, new SpanCostCalculator(CATALOG), clock), config, START);
        spans = driver.createInputTopic(Topics.SPANS.name(), Topics.SPANS.keySerde().serializer(),
                Topics.SPANS.valueSerde().serializer());
        alerts = driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(),
                Topics.ALERTS.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void send(SpanEvent span) {
        spans.pipeInput(span.getTraceId(), span);
    }

    /** Signals cross to the detectors in batches, one per detector key and batch interval. */
    private void letSignalsReachTheDetectors() {
        driver.advanceWallClockTime(DetectionTopology.SIGNAL_BATCH_INTERVAL);
    }

    private static BigDecimal priceOf(SpanEvent span) {
        return new SpanCostCalculator(CATALOG).cost(span).costUsd();
    }

    /** Lets the wall-clock punctuation forward the partial aggregates, as a running application does every second. */
    private void flushAttribution() {
        driver.advanceWallClockTime(CostAttribution.FLUSH_INTERVAL);
    }

    private List<KeyValue<Windowed<String>, CostAggregate>> windows(String storeName) {
        flushAttribution();
        WindowStore<String, CostAggregate> store = driver.getWindowStore(storeName);
        List<KeyValue<Windowed<String>, CostAggregate>> rows = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, CostAggregate> all = store.all()) {
            all.forEachRemaining(rows::add);
        }
        return rows;
    }

    private CostAggregate aggregate(String storeName, String key, Instant windowStart) {
        flushAttribution();
        WindowStore<String, CostAggregate> store = driver.getWindowStore(storeName);
        return store.fetch(key, windowStart.toEpochMilli());
    }

    @Test
    void pricesEveryCallExactlyWithTheCatalogue() {
        SpanEvent call = TestSpans.llmCall(START.plusSeconds(5), "openai", "gpt-4o", "support-chat", "u-1", 1_000, 500);

        // gpt-4o: $2.50 per million input tokens, $10 per million output tokens
        assertThat(priceOf(call)).isEqualByComparingTo("0.0075");
    }

    @Test
    void aggregatesCostCallsAndTokensPerDimensionInOneMinuteAndOneHourWindows() {
        for (int i = 0; i < 3; i++) {
            send(TestSpans.llmCall(START.plusSeconds(10 + i), "openai", "gpt-4o", "support-chat", "u-1", 1_000, 500));
        }
        send(TestSpans.llmCall(START.plusSeconds(70), "anthropic", "claude-3-5-haiku-latest", "support-chat", "u-2", 2_000, 100));

        CostAggregate firstMinute = aggregate("cost-by-dimension-1m", "model|gpt-4o", START);
        assertThat(firstMinute.calls()).isEqualTo(3);
        assertThat(firstMinute.costUsd()).isEqualByComparingTo("0.0225");
        assertThat(firstMinute.inputTokens()).isEqualTo(3_000);
        assertThat(firstMinute.outputTokens()).isEqualTo(1_500);
        assertThat(firstMinute.latency().count()).isEqualTo(3);
        assertThat((double) firstMinute.latency().quantile(0.99)).isCloseTo(800, within(800 * 0.02));

        CostAggregate featureHour = aggregate("cost-by-dimension-1h", "feature|support-chat", START);
        // claude-3-5-haiku: $0.80 per million input, $4 per million output → 0.0016 + 0.0004
        assertThat(featureHour.calls()).isEqualTo(4);
        assertThat(featureHour.costUsd()).isEqualByComparingTo("0.0245");
        assertThat(aggregate("cost-by-dimension-1h", "user|u-2", START).costUsd()).isEqualByComparingTo("0.002");
        assertThat(aggregate("cost-by-dimension-1h", "tenant|acme", START).calls()).isEqualTo(4);
    }

    @Test
    void pricesWithTheOperatorOverrideValidAtEachSpansEventTime() {
        TestInputTopic<String, PriceEntry> prices = driver.createInputTopic(Topics.PRICES.name(),
                Topics.PRICES.keySerde().serializer(), Topics.PRICES.valueSerde().serializer());
        Instant effective = START.plus(Duration.ofMinutes(5));
        prices.pipeInput(PriceBook.key("openai", "gpt-4o", effective.toEpochMilli()), PriceEntry.newBuilder()
                .setProvider("openai").setModel("gpt-4o").setEffectiveFromMillis(effective.toEpochMilli())
                .setPricesPerMillion(Map.of("input_mtok", "1", "output_mtok", "2"))
                .setUpdatedAtMillis(START.toEpochMilli())
                .build());

        send(TestSpans.llmCall(START.plus(Duration.ofMinutes(4)), "openai", "gpt-4o", "search", "u-1", 1_000, 500));
        send(TestSpans.llmCall(START.plus(Duration.ofMinutes(6)), "openai", "gpt-4o", "search", "u-1", 1_000, 500));

        // before: catalogue $2.50 / $10 per million; from the override on: $1 / $2 per million
        assertThat(aggregate("cost-by-dimension-1m", "model|gpt-4o", START.plus(Duration.ofMinutes(4))).costUsd())
                .isEqualByComparingTo("0.0075");
        assertThat(aggregate("cost-by-dimension-1m", "model|gpt-4o", START.plus(Duration.ofMinutes(6))).costUsd())
                .isEqualByComparingTo("0.002");
    }

    @Test
    void pricesAModelTheCatalogueLacksOnceAnOperatorPricesIt() {
        TestInputTopic<String, PriceEntry> prices = driver.createInputTopic(Topics.PRICES.name(),
                Topics.PRICES.keySerde().serializer(), Topics.PRICES.valueSerde().serializer());
        prices.pipeInput(PriceBook.key("openai", "gpt-internal", 0), PriceEntry.newBuilder()
                .setProvider("openai").setModel("gpt-internal").setEffectiveFromMillis(0)
                .setPricesPerMillion(Map.of("input_mtok", "3", "output_mtok", "4"))
                .setRequestPriceUsd("0.001")
                .setUpdatedAtMillis(START.toEpochMilli())
                .build());

        send(TestSpans.llmCall(START.plusSeconds(1), "openai", "gpt-internal", "search", "u-1", 1_000_000, 0));

        CostAggregate model = aggregate("cost-by-dimension-1m", "model|gpt-internal", START);
        assertThat(model.unpricedCalls()).isZero();
        assertThat(model.costUsd()).isEqualByComparingTo("3.001");
    }

    @Test
    void countsUnknownModelsWithoutInventingACost() {
        send(TestSpans.llmCall(START.plusSeconds(1), "openai", "gpt-does-not-exist", "search", "u-1", 10, 10));

        CostAggregate model = aggregate("cost-by-dimension-1m", "model|gpt-does-not-exist", START);
        assertThat(model.calls()).isEqualTo(1);
        assertThat(model.unpricedCalls()).isEqualTo(1);
        assertThat(model.costUsd()).isEqualByComparingTo("0");
        assertThat(model.inputTokens()).isEqualTo(10);
    }

    @Test
    void namesAnUnpricedModelOncePerHourWhileStillCountingItsCalls() {
        for (int minute = 0; minute < 3; minute++) {
            send(TestSpans.llmCall(START.plus(Duration.ofMinutes(minute)), "openai", "gpt-unreleased", "search", "u-1", 10, 10));
        }
        send(TestSpans.llmCall(START.plus(Duration.ofMinutes(61)), "openai", "gpt-unreleased", "search", "u-1", 10, 10));
        driver.advanceWallClockTime(Duration.ofSeconds(30));

        assertThat(aggregate("cost-by-dimension-1h", "model|gpt-unreleased", START).unpricedCalls()).isEqualTo(3);
        List<AlertEvent> unpriced = alerts.readValuesToList().stream()
                .filter(alert -> alert.getType().equals("unpriced_model")).toList();
        assertThat(unpriced).hasSize(2).allSatisfy(alert -> {
            assertThat(alert.getDimensionKey()).isEqualTo("gpt-unreleased");
            assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
        });
        assertThat(unpriced).extracting(AlertEvent::getWindowStartMillis)
                .containsExactly(START.toEpochMilli(), START.plus(Duration.ofHours(1)).toEpochMilli());
    }

    @Test
    void creditsLateFeedbackToThePromptVersionOfTheScoredTrace() {
        SpanEvent call = SpanEvent.newBuilder(TestSpans.llmCall(START.plusSeconds(5), "openai", "gpt-4o", "search", "u-1", 1_000, 500))
                .setPrompt(PromptRef.newBuilder().setName("answer").setVersion(7).build()).build();
        send(call);
        TestInputTopic<String, FeedbackEvent> feedback = driver.createInputTopic(Topics.FEEDBACK.name(),
                Topics.FEEDBACK.keySerde().serializer(), Topics.FEEDBACK.valueSerde().serializer());
        Instant tenMinutesLater = START.plus(Duration.ofMinutes(10));
        feedback.pipeInput(call.getTraceId(), FeedbackEvent.newBuilder().setFeedbackId("f-1").setTraceId(call.getTraceId())
                .setName("thumbs").setValue(1.0).setTimestampMillis(tenMinutesLater.toEpochMilli()).build(), tenMinutesLater);
        driver.advanceWallClockTime(PromptVersionAnalytics.BATCH_INTERVAL);

        KeyValueStore<String, PromptVersionStats> versions = driver.getKeyValueStore(PromptVersionAnalytics.STORE);
        PromptVersionStats v7 = versions.get("answer@7");
        assertThat(v7.calls()).isEqualTo(1);
        assertThat(v7.feedbackScores()).isEqualTo(1);
        assertThat(v7.qualitySum()).isEqualTo(1.0);
    }

    @Test
    void usesEventTimeNotArrivalTimeAndAcceptsLateSpansWithinGrace() {
        send(TestSpans.llmCall(START.plus(Duration.ofMinutes(3)), "openai", "gpt-4o", "search", "u-1", 1_000, 0));
        send(TestSpans.llmCall(START.plus(Duration.ofSeconds(150)), "openai", "gpt-4o", "search", "u-1", 1_000, 0));

        assertThat(windows("cost-by-dimension-1m"))
                .filteredOn(row -> row.key.key().equals("model|gpt-4o"))
                .extracting(row -> row.key.window().startTime())
                .containsExactlyInAnyOrder(START.plus(Duration.ofMinutes(2)), START.plus(Duration.ofMinutes(3)));
    }

    @Test
    void keepsSpansLaterThanTheGraceOfTheirWindowOnTheLateTopic() {
        TestOutputTopic<String, byte[]> late = lateTopic();
        send(TestSpans.llmCall(START.plus(Duration.ofMinutes(3)), "openai", "gpt-4o", "search", "u-1", 1_000, 0));
        flushAttribution();
        send(TestSpans.llmCall(START.plus(Duration.ofMinutes(1)), "openai", "gpt-4o", "search", "u-1", 1_000, 0));

        assertThat(aggregate("cost-by-dimension-1m", "model|gpt-4o", START.plus(Duration.ofMinutes(1)))).isNull();
        assertThat(aggregate("cost-by-dimension-1h", "model|gpt-4o", START).calls()).isEqualTo(2);
        List<TestRecord<String, byte[]>> refused = late.readRecordsToList();
        assertThat(refused).extracting(TestRecord::key).contains("model|gpt-4o", "feature|search", "tenant|acme");
        assertThat(refused).allSatisfy(record -> assertThat(
                new String(record.headers().lastHeader("llmwatch.late.windows").value(), StandardCharsets.UTF_8))
                .isEqualTo("1m"));
        assertThat(refused).hasSize(Dimension.values().length);
    }

    @Test
    void refusesALateSpanAlsoWhenItsPartialCrossesTheRepartitionWithNewerOnes() {
        TestOutputTopic<String, byte[]> late = lateTopic();
        send(TestSpans.llmCall(START.plus(Duration.ofMinutes(3)), "openai", "gpt-4o", "search", "u-1", 1_000, 0));
        send(TestSpans.llmCall(START.plus(Duration.ofMinutes(1)), "openai", "gpt-4o", "search", "u-1", 1_000, 0));

        // Lateness depends on the order calls are read in, not on when their partials happen to be flushed.
        assertThat(aggregate("cost-by-dimension-1m", "model|gpt-4o", START.plus(Duration.ofMinutes(1)))).isNull();
        assertThat(aggregate("cost-by-dimension-1h", "model|gpt-4o", START).calls()).isEqualTo(2);
        assertThat(late.readRecordsToList()).hasSize(Dimension.values().length).allSatisfy(record -> {
            assertThat(record.timestamp()).isEqualTo(START.plus(Duration.ofMinutes(1)).toEpochMilli());
            assertThat(lateWindowsOf(record)).isEqualTo("1m");
        });
    }

    @Test
    void addsPartialsThatCrossTheRepartitionBehindNewerOnesWhenTheirCallsWereOnTime() {
        TestOutputTopic<String, byte[]> late = lateTopic();
        TestInputTopic<String, CostAggregate> partials = partialsCrossingTheRepartition();
        CostAggregate oneCall = oneGpt4oCall();

        // Upstream tasks catching up on a backlog run minutes of event time apart: one is at minute 10, one at minute 1.
        partials.pipeInput("model|gpt-4o", oneCall, START.plus(Duration.ofMinutes(10)));
        partials.pipeInput("model|gpt-4o", oneCall, START.plus(Duration.ofMinutes(1)));

        assertThat(aggregate("cost-by-dimension-1m", "model|gpt-4o", START.plus(Duration.ofMinutes(1))).calls()).isEqualTo(1);
        assertThat(aggregate("cost-by-dimension-1m", "model|gpt-4o", START.plus(Duration.ofMinutes(10))).calls()).isEqualTo(1);
        assertThat(late.isEmpty()).isTrue();
    }

    @Test
    void refusesAPartialOnlyInTheWindowsItsLateHeaderNames() {
        TestOutputTopic<String, byte[]> late = lateTopic();
        CostAggregate oneCall = oneGpt4oCall();

        partialsCrossingTheRepartition().pipeInput(new TestRecord<>("model|gpt-4o", oneCall,
                new RecordHeaders().add("llmwatch.late.windows", "1m".getBytes(StandardCharsets.UTF_8)),
                START.plus(Duration.ofMinutes(1))));

        assertThat(aggregate("cost-by-dimension-1m", "model|gpt-4o", START.plus(Duration.ofMinutes(1)))).isNull();
        assertThat(aggregate("cost-by-dimension-1h", "model|gpt-4o", START).calls()).isEqualTo(1);
        assertThat(late.readRecordsToList()).singleElement().satisfies(record -> assertThat(lateWindowsOf(record)).isEqualTo("1m"));
    }

    @Test
    void refusesAPartialInTheWindowsWhoseStoresNoLongerKeepItsWindow() {
        TestOutputTopic<String, byte[]> late = lateTopic();
        TestInputTopic<String, CostAggregate> partials = partialsCrossingTheRepartition();
        CostAggregate oneCall = oneGpt4oCall();

        partials.pipeInput("model|gpt-4o", oneCall, START.plus(Duration.ofDays(2)));
        // Two days behind: past the minute windows' retention of a day, within the hour and day windows'.
        partials.pipeInput("model|gpt-4o", oneCall, START);

        assertThat(aggregate("cost-by-dimension-1h", "model|gpt-4o", START).calls()).isEqualTo(1);
        assertThat(aggregate("cost-by-dimension-1d", "model|gpt-4o", START.truncatedTo(ChronoUnit.DAYS)).calls()).isEqualTo(1);
        assertThat(late.readRecordsToList()).singleElement().satisfies(record -> {
            assertThat(record.timestamp()).isEqualTo(START.toEpochMilli());
            assertThat(lateWindowsOf(record)).isEqualTo("1m");
        });
    }

    private TestOutputTopic<String, byte[]> lateTopic() {
        return driver.createOutputTopic(Topics.LATE.name(), Topics.LATE.keySerde().deserializer(),
                Topics.LATE.valueSerde().deserializer());
    }

    /** A partial of one gpt-4o call, as a task would send it across the repartition. */
    private static CostAggregate oneGpt4oCall() {
        return CostAggregate.EMPTY.plus(new SpanCostCalculator(CATALOG).cost(
                TestSpans.llmCall(START, "openai", "gpt-4o", "search", "u-1", 1_000, 0)));
    }

    private TestInputTopic<String, CostAggregate> partialsCrossingTheRepartition() {
        return driver.createInputTopic("llmwatch-topology-test-cost-partials-by-dimension-repartition",
                Serdes.String().serializer(), InternalSerdes.COST_AGGREGATE.serializer());
    }

    private static String lateWindowsOf(TestRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader("llmwatch.late.windows").value(), StandardCharsets.UTF_8);
    }

    @Test
    void sendsACallsPartialsAcrossTheRepartitionWithTheCommitThatTakesTheCall() {
        TestOutputTopic<String, CostAggregate> partials = driver.createOutputTopic(
                "llmwatch-topology-test-cost-partials-by-dimension-repartition",
                Serdes.String().deserializer(), InternalSerdes.COST_AGGREGATE.deserializer());

        // The test driver commits after every record it pipes; no wall-clock time passes here.
        send(TestSpans.llmCall(START.plusSeconds(10), "openai", "gpt-4o", "search", "u-1", 1_000, 500));

        assertThat(partials.readRecordsToList()).hasSize(Dimension.values().length).allSatisfy(partial -> {
            assertThat(partial.timestamp()).isEqualTo(START.toEpochMilli());
            assertThat(partial.value().costUsd()).isEqualByComparingTo("0.0075");
        });
        assertThat(driver.getWindowStore("cost-by-dimension-1h").fetch("user|u-1", START.toEpochMilli())).isNotNull();
    }

    @Test
    void attributesToEveryDimensionAndTheAnalystsPairs() {
        send(TestSpans.llmCall(START.plusSeconds(1), "openai", "gpt-4o", "search", "u-1", 1_000, 0));

        assertThat(windows("cost-by-dimension-1d")).extracting(row -> row.key.key()).containsExactlyInAnyOrder(
                "tenant|acme", "user|u-1", "feature|search", "model|gpt-4o", "provider|openai", "prompt|(unset)",
                "environment|(unset)", "feature_model|search\u001fgpt-4o", "user_feature|u-1\u001fsearch");
    }

    @Test
    void firesACostSpikeAlertForTheFeatureWhileItsBucketIsOpen() {
        for (int second = 0; second < 60; second++) {
            send(TestSpans.llmCall(START.plusSeconds(second), "openai", "gpt-4o", "support-chat", "u-1", 2_000, 500));
        }
        letSignalsReachTheDetectors();
        assertThat(alerts.isEmpty()).isTrue();

        for (int i = 0; i < 40; i++) {
            send(TestSpans.llmCall(START.plusSeconds(61).plusMillis(i), "openai", "gpt-4o", "support-chat", "u-1", 20_000, 2_000));
        }
        letSignalsReachTheDetectors();

        List<TestRecord<String, AlertEvent>> fired = alerts.readRecordsToList();
        assertThat(fired).hasSize(1);
        AlertEvent alert = fired.get(0).value();
        assertThat(alert.getType()).isEqualTo("cost_spike");
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.getDimension()).isEqualTo("feature");
        assertThat(alert.getDimensionKey()).isEqualTo("support-chat");
        assertThat(alert.getWindowStartMillis()).isEqualTo(START.plusSeconds(60).toEpochMilli());
        assertThat(new BigDecimal(alert.getObserved())).isGreaterThan(new BigDecimal(alert.getExpected()).multiply(BigDecimal.valueOf(3)));
        assertThat(alert.getExemplarTraceIds()).isNotEmpty();
        assertThat(fired.get(0).key()).isEqualTo(alert.getDedupKey());
    }

    @Test
    void keepsTheLatestAlertsNewestFirst() {
        firesACostSpikeAlertForTheFeatureWhileItsBucketIsOpen();

        var recent = driver.<String, AlertEvent>getKeyValueStore(LlmWatchTopology.RECENT_ALERTS_STORE);
        assertThat(recent.approximateNumEntries()).isEqualTo(1);
        try (var all = recent.all()) {
            assertThat(all.next().value.getType()).isEqualTo("cost_spike");
        }
    }

    @Test
    void deadLettersUndecodableSpansWithTheReasonAndKeepsProcessing() {
        TestInputTopic<byte[], byte[]> rawSpans = driver.createInputTopic(Topics.SPANS.name(),
                new ByteArraySerializer(), new ByteArraySerializer());
        TestOutputTopic<byte[], byte[]> deadLetters = driver.createOutputTopic(Topics.DLQ.name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());

        rawSpans.pipeInput("k".getBytes(StandardCharsets.UTF_8), "not avro at all".getBytes(StandardCharsets.UTF_8));
        send(TestSpans.llmCall(START.plusSeconds(1), "openai", "gpt-4o", "search", "u-1", 1_000, 0));

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
        Header message = dead.headers().lastHeader("__streams.errors.message");
        assertThat(new String(message.value(), StandardCharsets.UTF_8)).contains("Not an Avro single-object encoded SpanEvent");
        assertThat(aggregate("cost-by-dimension-1m", "model|gpt-4o", START).calls()).isEqualTo(1);
    }
}
