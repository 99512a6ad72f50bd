package io.llmwatch.processor.detection;

import io.llmwatch.processor.batching.Batch;
import io.llmwatch.processor.detection.signal.CallSignal;
import io.llmwatch.processor.detection.signal.SignalRoute;
import io.llmwatch.schemas.alert.AlertEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Clock;
import java.util.Objects;

/**
 * Runs one {@link KeyedDetector} over the signals of its route, keeping its states in one store, and forwards each
 * verdict as an {@link AlertEvent} keyed by its dedup key. State keys start with the signal's key (route included),
 * so an interactive query finds a detector key's state on the instance that owns that key.
 */
public final class DetectorProcessor<S> implements Processor<String, Batch<CallSignal>, String, AlertEvent> {

    private final String storeName;
    private final SignalRoute route;
    private final KeyedDetector<S> detector;
    private final Clock clock;
    private AlertEmitter alerts;
    private KeyValueStore<String, S> states;

    /** @param storeName a write-behind store (see {@link DetectionTopology}): states change with every signal */
    public DetectorProcessor(String storeName, SignalRoute route, KeyedDetector<S> detector, Clock clock) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.route = Objects.requireNonNull(route, "route");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void init(ProcessorContext<String, AlertEvent> context) {
        this.alerts = new AlertEmitter(context);
        this.states = context.getStateStore(storeName);
        detector.init(context);
    }

    @Override
    public void process(Record<String, Batch<CallSignal>> record) {
        if (record.value() == null || !route.routes(record.key())) {
            return;
        }
        String routedKey = record.key();
        String detectorKey = route.dimensionKey(routedKey);
        KeyedDetector.States<S> keyStates = new KeyedDetector.States<>() {
            @Override
            public S get(String stateKey) {
                return states.get(routedKey + stateKey);
            }

            @Override
            public void put(String stateKey, S state) {
                states.put(routedKey + stateKey, state);
            }
        };
        for (CallSignal signal : record.value().values()) {
            detector.observe(detectorKey, signal, keyStates, (verdict, dimension, dimensionKey, attributes) -> {
                AlertEvent alert = AlertFactory.alert(verdict, dimension, dimensionKey, attributes, clock.millis());
                alerts.emit(alert, record);
            });
        }
    }

}
