package io.llmwatch.processor.metrics;

import io.llmwatch.processor.cost.Dimension;
import io.llmwatch.processor.prompt.PromptVersionAnalytics;
import io.llmwatch.processor.prompt.PromptVersionRow;
import io.llmwatch.processor.prompt.PromptVersionStats;
import io.llmwatch.processor.query.CostQuery;
import io.llmwatch.processor.query.CostRow;
import io.llmwatch.processor.query.LocalStateQueries;
import io.llmwatch.processor.topology.WindowSpec;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The LLM figures Grafana charts by dimension, read from this instance's state stores every few
 * seconds:
 * <ul>
 *   <li>counters of cost, calls, errors and tokens per feature, model, tenant, provider and prompt
 *       version ({@code llmwatch_llm_cost_usd_total{dimension,key}}, …): the key's total of the
 *       current UTC day, so they reset at midnight, which {@code rate()} and {@code increase()}
 *       handle as any counter reset;</li>
 *   <li>latency percentiles of the current hour per key ({@code llmwatch_llm_latency_p95_ms});</li>
 *   <li>each prompt version's mean quality ({@code llmwatch_llm_prompt_quality{prompt,version}}).</li>
 * </ul>
 * A key lives on one instance, so sums over instances count nothing twice. Users are left out: one
 * series per user would swamp Prometheus. The API stays the exact source; these are for charts.
 */
final class LlmFigures implements AutoCloseable {

    static final String QUALITY = "llmwatch.llm.prompt.quality";
    private static final List<Dimension> CHARTED = List.of(
            Dimension.FEATURE, Dimension.MODEL, Dimension.TENANT, Dimension.PROVIDER, Dimension.PROMPT);
    private static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(LlmFigures.class);

    /** What a key accumulated today, each one a counter. */
    private enum DailyTotal {
        COST("llmwatch.llm.cost.usd", "USD spent today (UTC)", row -> new BigDecimal(row.costUsd()).doubleValue()),
        CALLS("llmwatch.llm.calls", "LLM calls today (UTC)", CostRow::calls),
        ERRORS("llmwatch.llm.errors", "failed LLM calls today (UTC)", CostRow::errors),
        INPUT_TOKENS("llmwatch.llm.input.tokens", "input tokens today (UTC)", CostRow::inputTokens),
        OUTPUT_TOKENS("llmwatch.llm.output.tokens", "output tokens today (UTC)", CostRow::outputTokens);

        private final String metric;
        private final String description;
        private final ToDoubleFunction<CostRow> value;

        DailyTotal(String metric, String description, ToDoubleFunction<CostRow> value) {
            this.metric = metric;
            this.description = description;
            this.value = value;
        }
    }

    private final KafkaStreams streams;
    private final LocalStateQueries queries;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<Tags, Map<DailyTotal, AtomicReference<Double>>> counters = new ConcurrentHashMap<>();
    private final MultiGauge latencyP50;
    private final MultiGauge latencyP95;
    private final MultiGauge quality;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "llmwatch-llm-metrics");
        thread.setDaemon(true);
        return thread;
    });

    LlmFigures(KafkaStreams streams, MeterRegistry registry, Clock clock) {
        this.streams = streams;
        this.queries = new LocalStateQueries(streams);
        this.registry = registry;
        this.clock = clock;
        this.latencyP50 = MultiGauge.builder("llmwatch.llm.latency.p50.ms").description("median latency this hour").register(registry);
        this.latencyP95 = MultiGauge.builder("llmwatch.llm.latency.p95.ms").description("95th percentile latency this hour")
                .register(registry);
        this.quality = MultiGauge.builder(QUALITY).description("mean quality of the scored calls of each prompt version")
                .register(registry);
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toSeconds(), TimeUnit.SECONDS);
    }

    private void refresh() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return;
        }
        try {
            Instant now = clock.instant();
            Instant today = windowStart(now, WindowSpec.ONE_DAY);
            Instant thisHour = windowStart(now, WindowSpec.ONE_HOUR);
            // A key not seen today is back at zero: its counter reset at midnight.
            counters.values().forEach(totals -> totals.values().forEach(total -> total.set(0.0)));
            List<MultiGauge.Row<?>> p50 = new ArrayList<>();
            List<MultiGauge.Row<?>> p95 = new ArrayList<>();
            for (Dimension dimension : CHARTED) {
                for (CostRow row : queries.cost(new CostQuery(dimension, WindowSpec.ONE_DAY, today, today))) {
                    Map<DailyTotal, AtomicReference<Double>> totals = counters.computeIfAbsent(tags(dimension, row), this::register);
                    totals.forEach((total, holder) -> holder.set(total.value.applyAsDouble(row)));
                }
                for (CostRow row : queries.cost(new CostQuery(dimension, WindowSpec.ONE_HOUR, thisHour, thisHour))) {
                    p50.add(MultiGauge.Row.of(tags(dimension, row), row.latencyP50Ms()));
                    p95.add(MultiGauge.Row.of(tags(dimension, row), row.latencyP95Ms()));
                }
            }
            latencyP50.register(p50, true);
            latencyP95.register(p95, true);
            quality.register(promptQualities(), true);
        } catch (RuntimeException e) {
            // Stores move during a rebalance; the next refresh reads them again.
            LOG.debug("Cannot read the stores for the LLM metrics", e);
        }
    }

    private static Instant windowStart(Instant now, WindowSpec window) {
        long size = window.size().toMillis();
        return Instant.ofEpochMilli(now.toEpochMilli() / size * size);
    }

    private static Tags tags(Dimension dimension, CostRow row) {
        return Tags.of("dimension", dimension.label(), "key", row.key());
    }

    private Map<DailyTotal, AtomicReference<Double>> register(Tags tags) {
        Map<DailyTotal, AtomicReference<Double>> totals = new ConcurrentHashMap<>();
        for (DailyTotal total : DailyTotal.values()) {
            AtomicReference<Double> holder = new AtomicReference<>(0.0);
            FunctionCounter.builder(total.metric, holder, AtomicReference::get)
                    .description(total.description).tags(tags).register(registry);
            totals.put(total, holder);
        }
        return totals;
    }

    private List<MultiGauge.Row<?>> promptQualities() {
        ReadOnlyKeyValueStore<String, PromptVersionStats> store = streams.store(StoreQueryParameters.fromNameAndType(
                PromptVersionAnalytics.STORE, QueryableStoreTypes.keyValueStore()));
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        try (KeyValueIterator<String, PromptVersionStats> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, PromptVersionStats> entry = all.next();
                PromptVersionRow version = PromptVersionRow.of(entry.value);
                if (version.averageQuality() != null) {
                    rows.add(MultiGauge.Row.of(Tags.of("prompt", entry.value.name(), "version", version.version()),
                            version.averageQuality()));
                }
            }
        }
        return rows;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
