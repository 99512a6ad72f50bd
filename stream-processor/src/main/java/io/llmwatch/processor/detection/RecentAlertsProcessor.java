package io.llmwatch.processor.detection;

import io.llmwatch.schemas.alert.AlertEvent;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;

/**
 * Keeps the latest alerts of this instance's partitions for the query API, newest first: keys are
 * built so that byte order is reverse time order, and the store is trimmed to a fixed size.
 */
public final class RecentAlertsProcessor implements Processor<String, AlertEvent, Void, Void> {

    private static final Duration TRIM_INTERVAL = Duration.ofSeconds(10);

    private final String storeName;
    private final int capacity;
    private KeyValueStore<String, AlertEvent> alerts;

    public RecentAlertsProcessor(String storeName, int capacity) {
        this.storeName = storeName;
        this.capacity = capacity;
    }

    /** Sorts newest first: the zero-padded distance to the end of time, then the id to break ties. */
    public static String newestFirstKey(AlertEvent alert) {
        return String.format("%019d|%s", Long.MAX_VALUE - alert.getDetectedAtMillis(), alert.getAlertId());
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        alerts = context.getStateStore(storeName);
        context.schedule(TRIM_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> trim());
    }

    @Override
    public void process(Record<String, AlertEvent> record) {
        if (record.value() != null) {
            alerts.put(newestFirstKey(record.value()), record.value());
        }
    }

    private void trim() {
        int seen = 0;
        try (KeyValueIterator<String, AlertEvent> all = alerts.all()) {
            while (all.hasNext()) {
                KeyValue<String, AlertEvent> entry = all.next();
                if (++seen > capacity) {
                    alerts.delete(entry.key);
                }
            }
        }
    }
}
