package io.llmwatch.processor.pricing.updates;

import io.llmwatch.schemas.price.PriceEntry;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintains the global prices store from {@code llmwatch.prices.v1} and keeps the {@link PriceBook}
 * in step with it. On start it replays the restored store into the book, so overrides survive
 * restarts. An entry that cannot be applied is logged and skipped: one bad override must not stop
 * the global thread, and with it all pricing.
 */
public final class PriceUpdateProcessor implements Processor<String, PriceEntry, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(PriceUpdateProcessor.class);

    private final String storeName;
    private final PriceBook book;
    private KeyValueStore<String, PriceEntry> store;

    public PriceUpdateProcessor(String storeName, PriceBook book) {
        this.storeName = storeName;
        this.book = book;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        try (KeyValueIterator<String, PriceEntry> restored = store.all()) {
            while (restored.hasNext()) {
                KeyValue<String, PriceEntry> entry = restored.next();
                applyToBook(entry.key, entry.value);
            }
        }
    }

    @Override
    public void process(Record<String, PriceEntry> record) {
        if (record.key() == null) {
            LOG.warn("Ignoring a price entry without a key");
            return;
        }
        if (applyToBook(record.key(), record.value())) {
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
        }
    }

    private boolean applyToBook(String key, PriceEntry entry) {
        try {
            book.apply(key, entry);
            LOG.info(entry == null ? "Price override {} removed" : "Price override {} applied", key);
            return true;
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring price override {}: {}", key, e.getMessage());
            return false;
        }
    }
}
