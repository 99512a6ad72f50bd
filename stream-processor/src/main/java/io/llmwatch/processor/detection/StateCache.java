package io.llmwatch.processor.detection;

import org.apache.kafka.streams.state.KeyValueStore;

import java.util.HashMap;
import java.util.Map;

/**
 * A detector store seen through the states changed since the last flush. Detector states hold hundreds of numbers
 * and a hot key changes thousands of times a second; writing each change would spend the processor's time
 * serialising. Changes stay in memory until {@link #flush()} (a wall-clock punctuation), so a hot key is written
 * once per flush. The price: a crash forgets at most one flush interval of observations, which only delays a
 * statistical detector slightly. Money-bearing state (budgets) is written through.
 */
final class StateCache<S> {

    private final KeyValueStore<String, S> store;
    private final boolean writeThrough;
    private final Map<String, S> changed = new HashMap<>();

    StateCache(KeyValueStore<String, S> store, boolean writeThrough) {
        this.store = store;
        this.writeThrough = writeThrough;
    }

    S get(String key) {
        S state = changed.get(key);
        return state != null ? state : store.get(key);
    }

    void put(String key, S state) {
        if (writeThrough) {
            store.put(key, state);
        } else {
            changed.put(key, state);
        }
    }

    void flush() {
        changed.forEach(store::put);
        changed.clear();
    }
}
