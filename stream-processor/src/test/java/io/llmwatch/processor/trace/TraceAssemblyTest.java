package io.llmwatch.processor.trace;

import io.llmwatch.processor.cost.PricedSpan;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.testing.AgentSpans;
import io.llmwatch.processor.topology.SpanEventTimeExtractor;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class TraceAssemblyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T14:32:00Z");
    private static final int MAX_SPANS = 3;
    private static final Duration RETENTION = Duration.ofHours(1);
    /** Enough for every trace of a test: spans of an open trace find it in memory. */
    private static final int RECENT_SPANS = 1_000;
    /** Too few for any trace of two spans: every span finds its trace in the store. */
    private static final int NO_RECENT_SPANS = 1;

    private TopologyTestDriver driver;
    private TestInputTopic<String, SpanEvent> spans;

    @BeforeEach
    void startDriver() {
        startDriver(RECENT_SPANS);
    }

    private void restartDriver(int recentSpans) {
        driver.close();
        startDriver(recentSpans);
    }

    private void startDriver(int recentSpans) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, SpanEvent> source = builder.stream(Topics.SPANS.name(),
                Consumed.with(Topics.SPANS.keySerde(), Topics.SPANS.valueSerde())
                        .withTimestampExtractor(new SpanEventTimeExtractor()).withName("spans"));
        SpanCostCalculator pricing = new SpanCostCalculator(PriceCatalog.bundled());
        TraceAssembly.addTo(builder, source.mapValues(span -> PricedSpan.of(span, pricing), Named.as("price")),
                new TraceSettings(MAX_SPANS, RETENTION, recentSpans));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "trace-assembly-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        driver = new TopologyTestDriver(builder.build(), config, T0);
        spans = driver.createInputTopic(Topics.SPANS.name(), Topics.SPANS.keySerde().serializer(),
                Topics.SPANS.valueSerde().serializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void send(SpanEvent.Builder span) {
        SpanEvent event = span.build();
        spans.pipeInput(event.getTraceId(), event);
    }

    private CollectedTrace trace(String traceId) {
        WindowStore<String, CollectedTrace> traces = driver.getWindowStore(TraceStores.TRACES);
        return TraceStores.find(traces, traceId).map(found -> found.value).orElse(null);
    }

    private List<String> tracesOf(String user, Instant from, Instant to) {
        WindowStore<String, String> index = driver.getWindowStore(TraceStores.TRACES_BY_USER);
        WindowStore<String, CollectedTrace> traces = driver.getWindowStore(TraceStores.TRACES);
        return TraceStores.byUser(index, traces, user, from, to, 100).stream().map(CollectedTrace::traceId).toList();
    }

    private static SpanEvent.Builder call(String traceId, String spanId, Instant start, String user) {
        return AgentSpans.llmCall(traceId, spanId, "root", start, start.plusMillis(500), "gpt-4o", 1_000, 100)
                .setAttribution(AgentSpans.user(user));
    }

    @Test
    void gathersEverySpanOfATraceInOneEntry() {
        send(call("t1", "s1", T0.plusSeconds(1), "u-1"));
        send(call("t1", "s2", T0.plusSeconds(2), "u-1"));
        send(AgentSpans.span("t1", "root", null, "invoke_agent", T0, T0.plusSeconds(3)));

        CollectedTrace trace = trace("t1");
        assertThat(trace.spans()).extracting(TraceSpan::spanId).containsExactly("s1", "s2", "root");
        assertThat(trace.user()).isEqualTo("u-1");
        assertThat(TraceSummary.of(trace).costUsd()).isEqualTo("0.007");
    }

    @Test
    void countsASpanDeliveredTwiceOnce() {
        send(call("t1", "s1", T0, "u-1"));
        send(call("t1", "s1", T0, "u-1"));

        assertThat(trace("t1").spans()).hasSize(1);
        assertThat(TraceSummary.of(trace("t1")).costUsd()).isEqualTo("0.0035");
    }

    @Test
    void keepsAtMostTheCapOfSpansAndCountsTheRest() {
        for (int i = 0; i < MAX_SPANS + 2; i++) {
            send(call("t1", "s" + i, T0.plusSeconds(i), "u-1"));
        }

        assertThat(trace("t1").spans()).hasSize(MAX_SPANS);
        assertThat(trace("t1").droppedSpans()).isEqualTo(2);
    }

    @Test
    void findsAUsersTracesByWhenTheyStartedNewestFirst() {
        send(call("t1", "s1", T0, "u-1"));
        send(call("t2", "s1", T0.plusSeconds(60), "u-1"));
        send(call("t3", "s1", T0.plusSeconds(120), "u-1"));
        send(call("t4", "s1", T0.plusSeconds(60), "u-10"));

        assertThat(tracesOf("u-1", T0, T0.plusSeconds(120))).containsExactly("t3", "t2", "t1");
        assertThat(tracesOf("u-1", T0.plusSeconds(30), T0.plusSeconds(90))).containsExactly("t2");
        assertThat(tracesOf("u-10", T0, T0.plusSeconds(120))).containsExactly("t4");
    }

    @Test
    void moveTheIndexEntryWhenTheRootSpanRevealsAnEarlierStart() {
        send(call("t1", "s1", T0.plusSeconds(30), "u-1"));
        send(AgentSpans.span("t1", "root", null, "invoke_agent", T0, T0.plusSeconds(40)).setAttribution(AgentSpans.user("u-1")));

        assertThat(tracesOf("u-1", T0, T0.plusSeconds(10))).containsExactly("t1");
        assertThat(tracesOf("u-1", T0.plusSeconds(20), T0.plusSeconds(40))).isEmpty();
    }

    @Test
    void indexesATraceUnderTheFirstUserAnySpanNames() {
        send(AgentSpans.span("t1", "root", null, "invoke_agent", T0, T0.plusSeconds(40)));
        send(call("t1", "s1", T0.plusSeconds(1), "u-1"));

        assertThat(tracesOf("u-1", T0, T0.plusSeconds(10))).containsExactly("t1");
    }

    @Test
    void forgetsTracesOnceTheirRetentionHasPassedInEventTime() {
        send(call("t1", "s1", T0, "u-1"));
        send(call("t2", "s1", T0.plus(RETENTION.multipliedBy(3)), "u-2"));

        assertThat(trace("t1")).isNull();
        assertThat(tracesOf("u-1", T0.minusSeconds(1), T0.plusSeconds(1))).isEmpty();
        assertThat(trace("t2")).isNotNull();
    }

    @ParameterizedTest(name = "recent spans kept: {0}")
    @ValueSource(ints = {RECENT_SPANS, NO_RECENT_SPANS})
    void joinsSpansOfATraceThatSpreadsOverSeveralSlots(int recentSpans) {
        restartDriver(recentSpans);
        long slot = TraceSlots.of(RETENTION).sizeMillis();
        Instant beforeBoundary = Instant.ofEpochMilli((T0.toEpochMilli() / slot + 1) * slot).minusSeconds(1);
        send(call("t1", "s1", beforeBoundary, "u-1"));
        send(call("t1", "s2", beforeBoundary.plusSeconds(2), "u-1"));
        send(call("t1", "s3", beforeBoundary.plus(RETENTION).minusSeconds(2), "u-1"));

        assertThat(trace("t1").spans()).extracting(TraceSpan::spanId).containsExactly("s1", "s2", "s3");
        assertThat(tracesOf("u-1", beforeBoundary, beforeBoundary)).containsExactly("t1");
    }

    @ParameterizedTest(name = "recent spans kept: {0}")
    @ValueSource(ints = {RECENT_SPANS, NO_RECENT_SPANS})
    void joinsASpanThatEndedBeforeItsTraceWasFirstSeen(int recentSpans) {
        restartDriver(recentSpans);
        send(call("t1", "late", T0.plus(RETENTION.dividedBy(2)), "u-1"));
        send(call("t1", "early", T0, "u-1"));

        assertThat(trace("t1").spans()).extracting(TraceSpan::spanId).containsExactly("late", "early");
        assertThat(tracesOf("u-1", T0, T0)).containsExactly("t1");
    }

    @ParameterizedTest(name = "recent spans kept: {0}")
    @ValueSource(ints = {RECENT_SPANS, NO_RECENT_SPANS})
    void startsAFreshTraceForASpanMoreThanTheRetentionAfterItsTraceBegan(int recentSpans) {
        restartDriver(recentSpans);
        send(call("t1", "s1", T0, "u-1"));
        send(call("t1", "s2", T0.plus(RETENTION.multipliedBy(3)), "u-1"));

        assertThat(trace("t1").spans()).extracting(TraceSpan::spanId).containsExactly("s2");
    }

    @Test
    void aTraceNoLongerInMemoryIsFoundInTheStore() {
        restartDriver(NO_RECENT_SPANS);
        send(call("t1", "s1", T0, "u-1"));
        send(call("t2", "s1", T0, "u-1"));
        send(call("t1", "s2", T0.plusSeconds(1), "u-1"));
        send(call("t1", "s1", T0, "u-1"));

        assertThat(trace("t1").spans()).extracting(TraceSpan::spanId).containsExactly("s1", "s2");
        assertThat(TraceSummary.of(trace("t1")).costUsd()).isEqualTo("0.007");
    }
}
