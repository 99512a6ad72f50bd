package io.llmwatch.processor.detection;

import io.llmwatch.processor.detection.signal.CallSignal;
import io.llmwatch.processor.detection.signal.SignalRoute;
import io.llmwatch.schemas.alert.AlertEvent;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Runs one {@link KeyedDetector} over the signals of its route, keeping its states in one store, and forwards each
 * verdict as an {@link AlertEvent} keyed by its dedup key. State keys start with the signal's key (route included),
 * so an interactive query finds a detector key's state on the instance that owns that key.
 */
public final class DetectorProcessor<S> implements Processor<String, CallSignal, String, AlertEvent> {

    private final String storeName;
    private final SignalRoute route;
    private final KeyedDetector<S> detector;
    private final Duration flushInterval;
    private final Clock clock;
    private ProcessorContext<String, AlertEvent> context;
    private StateCache<S> states;

    /** @param flushInterval how long changed states wait in memory; zero writes every change through */
    public DetectorProcessor(String storeName, SignalRoute route, KeyedDetector<S> detector, Duration flushInterval,
                             Clock clock) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.route = Objects.requireNonNull(route, "route");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.flushInterval = Objects.requireNonNull(flushInterval, "flushInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void init(ProcessorContext<String, AlertEvent> context) {
        this.context = context;
        KeyValueStore<String, S> store = context.getStateStore(storeName);
        this.states = new StateCache<>(store, flushInterval.isZero());
        if (!flushInterval.isZero()) {
            context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> states.flush());
        }
        detector.init(context);
    }

    @Override
    public void process(Record<String, CallSignal> record) {
        if (record.value() == null || !route.routes(record.key())) {
            return;
        }
        String routedKey = record.key();
        String detectorKey = route.dimensionKey(routedKey);
        detector.observe(detectorKey, record.value(), new KeyedDetector.States<>() {
            @Override
            public S get(String stateKey) {
                return states.get(routedKey + stateKey);
            }

            @Override
            public void put(String stateKey, S state) {
                states.put(routedKey + stateKey, state);
            }
        }, (verdict, dimension, dimensionKey, attributes) -> {
            AlertEvent alert = AlertFactory.alert(verdict, dimension, dimensionKey, attributes, clock.millis());
            context.forward(new Record<>(alert.getDedupKey(), alert, AlertFactory.decidedAt(context, record)));
        });
    }
}
