package io.llmwatch.launcher.pipeline;

import io.llmwatch.processor.StreamProcessor;
import io.llmwatch.processor.cost.Dimension;
import io.llmwatch.processor.cost.Money;
import io.llmwatch.processor.query.CostQuery;
import io.llmwatch.processor.query.CostRow;
import io.llmwatch.processor.query.LocalStateQueries;
import io.llmwatch.processor.topology.WindowSpec;
import io.llmwatch.schemas.alert.AlertStatus;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * What {@code demo} and {@code up} print: a one-line summary every few seconds, and every alert as
 * it fires, with the time from start to the first one.
 */
final class PipelineReporter implements AutoCloseable {

    private static final long NOT_YET = -1;

    private final Optional<StreamProcessor> processor;
    private final List<StatusSource> sources;
    private final PrintWriter out;
    private final Instant startedAt = Instant.now();
    private final AtomicLong firstAlertMillis = new AtomicLong(NOT_YET);
    private final AlertPrinter alerts;
    private final ScheduledExecutorService timer;

    PipelineReporter(Map<String, Object> clientConfig, Optional<StreamProcessor> processor, List<StatusSource> sources,
                     PrintWriter out, Duration interval) {
        this.processor = processor;
        this.sources = List.copyOf(sources);
        this.out = out;
        this.alerts = new AlertPrinter(clientConfig, out, alert -> {
            if (alert.getStatus() == AlertStatus.FIRING
                    && firstAlertMillis.compareAndSet(NOT_YET, Duration.between(startedAt, Instant.now()).toMillis())) {
                out.printf("First alert %.1f s after start.%n", firstAlertMillis.get() / 1000.0);
            }
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "llmwatch-reporter");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::printSummary, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void printSummary() {
        StringBuilder line = new StringBuilder(String.format("[+%3ds]", Duration.between(startedAt, Instant.now()).toSeconds()));
        for (StatusSource source : sources) {
            line.append(' ').append(source.status()).append(" |");
        }
        processor.ifPresent(p -> line.append(' ').append(processorStatus(p)).append(" |"));
        line.append(" alerts ").append(alerts.printed());
        out.println(line);
    }

    private static String processorStatus(StreamProcessor processor) {
        KafkaStreams streams = processor.streams();
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return "processor " + streams.state();
        }
        try {
            Instant now = Instant.now();
            List<CostRow> lastHour = new LocalStateQueries(streams).cost(new CostQuery(Dimension.MODEL,
                    WindowSpec.ONE_HOUR, now.minus(Duration.ofHours(1)), now));
            long calls = lastHour.stream().mapToLong(CostRow::calls).sum();
            BigDecimal cost = lastHour.stream().map(row -> new BigDecimal(row.costUsd())).reduce(BigDecimal.ZERO, BigDecimal::add);
            String topModels = lastHour.stream().limit(3).map(row -> row.key() + " $" + row.costUsd())
                    .collect(Collectors.joining(", "));
            return String.format("priced %d calls, $%s this hour (%s)", calls, Money.format(cost), topModels);
        } catch (InvalidStateStoreException e) {
            return "processor stores migrating";
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        alerts.close();
    }
}
