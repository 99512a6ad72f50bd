package io.llmwatch.processor.detection;

import io.llmwatch.processor.cost.CostSample;
import io.llmwatch.processor.cost.Dimension;
import io.llmwatch.processor.cost.Money;
import io.llmwatch.processor.detection.CostSpikeDetector.Transition;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the {@link CostSpikeDetector} for every key of one dimension, keeping each key's state in a
 * store, and forwards an {@link AlertEvent} keyed by its dedup key whenever an alert fires or resolves.
 * Input records are keyed {@code dimension|value} (see {@link Dimension}).
 */
public final class CostSpikeProcessor implements Processor<String, CostSample, String, AlertEvent> {

    public static final String ALERT_TYPE = "cost_spike";

    private final String storeName;
    private final CostSpikeDetector detector;
    private final CostSpikeSettings settings;
    private final Dimension dimension;
    private final Clock clock;
    private AlertEmitter alerts;
    /** A write-behind store: every feature's state changes with each of its calls. */
    private KeyValueStore<String, CostSpikeState> states;

    public CostSpikeProcessor(String storeName, Dimension dimension, CostSpikeSettings settings, Clock clock) {
        this.storeName = storeName;
        this.dimension = dimension;
        this.settings = settings;
        this.detector = new CostSpikeDetector(settings);
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, AlertEvent> context) {
        this.alerts = new AlertEmitter(context);
        this.states = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, CostSample> record) {
        CostSample sample = record.value();
        if (sample == null || !sample.priced()) {
            return;
        }
        CostSpikeDetector.Step step = detector.observe(states.get(record.key()), sample.eventTimeMillis(),
                sample.traceId(), sample.costUsd());
        states.put(record.key(), step.state());
        step.transition().ifPresent(transition -> {
            AlertEvent alert = toAlert(dimension.valueOfKey(record.key()), transition);
            alerts.emit(alert, record);
        });
    }

    private AlertEvent toAlert(String key, Transition transition) {
        BigDecimal ratio = settings.fireRatio();
        String dedupKey = String.join("|", ALERT_TYPE, dimension.label(), key, Long.toString(transition.windowStartMillis()));
        Double score = CostSpikeDetector.ratio(transition.observedUsd(), transition.expectedUsd()).orElse(null);
        boolean severe = score != null && score >= ratio.doubleValue() * 2;
        String summary = transition.firing()
                ? String.format("Cost spike on %s %s: $%s in %ds against a baseline of $%s (%sx)", dimension.label(), key,
                        Money.format(transition.observedUsd()), settings.bucket().toSeconds(), Money.format(transition.expectedUsd()),
                        score == null ? "new spend" : score)
                : String.format("Cost of %s %s back to normal: $%s in %ds against a baseline of $%s", dimension.label(), key,
                        Money.format(transition.observedUsd()), settings.bucket().toSeconds(), Money.format(transition.expectedUsd()));
        return AlertEvent.newBuilder()
                .setAlertId(UUID.randomUUID().toString())
                .setDedupKey(truncate(dedupKey, 255))
                .setType(ALERT_TYPE)
                .setSeverity(severe ? Severity.CRITICAL : Severity.WARNING)
                .setStatus(transition.firing() ? AlertStatus.FIRING : AlertStatus.RESOLVED)
                .setDimension(dimension.label())
                .setDimensionKey(key)
                .setTenant(dimension == Dimension.TENANT ? key : null)
                .setWindowStartMillis(transition.windowStartMillis())
                .setWindowEndMillis(transition.windowEndMillis())
                .setObserved(Money.format(transition.observedUsd()))
                .setExpected(Money.format(transition.expectedUsd()))
                .setScore(score)
                .setSummary(summary)
                .setExemplarTraceIds(transition.exemplarTraceIds())
                .setDetectedAtMillis(clock.millis())
                .setAttributes(Map.of("fire_ratio", ratio.toPlainString(), "bucket_seconds",
                        Long.toString(settings.bucket().toSeconds())))
                .build();
    }

    private static String truncate(String value, int maxLength) {
        return value.length() <= maxLength ? value : value.substring(0, maxLength);
    }
}
