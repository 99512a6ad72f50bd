package io.llmwatch.processor.pricing.updates;

import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.schemas.price.PriceEntry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The prices in force: the bundled catalogue plus every operator override from the compacted
 * {@code llmwatch.prices.v1} topic. Stream threads read {@link #current()} for every span; the thread
 * that follows the topic swaps in a rebuilt catalogue on each change, so pricing never waits on it.
 */
public final class PriceBook {

    /** The genai-prices unit that a flat per-request price maps to: USD per thousand requests. */
    static final String PER_THOUSAND_REQUESTS = "requests_kcount";
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);
    private static final int MAX_PRICE_CHARS = 64;
    private static final int MAX_PRICE_SCALE = 20;
    private static final BigDecimal MAX_PRICE = BigDecimal.valueOf(1_000_000_000);

    private final PriceCatalog base;
    private final Map<String, PriceEntry> overridesByKey = new ConcurrentHashMap<>();
    private final AtomicReference<PriceCatalog> current;

    public PriceBook(PriceCatalog base) {
        this.base = base;
        this.current = new AtomicReference<>(base);
    }

    public PriceCatalog current() {
        return current.get();
    }

    /** The record key of an override on the prices topic; a later entry with the same key replaces it. */
    public static String key(String provider, String model, long effectiveFromMillis) {
        return provider + "/" + model + "@" + effectiveFromMillis;
    }

    /**
     * Applies one record of the prices topic: an entry sets or replaces an override, a null entry
     * (a tombstone) removes it.
     *
     * @throws IllegalArgumentException when the entry cannot be applied (unknown unit, negative or malformed price);
     *     the book is left unchanged
     */
    public synchronized void apply(String key, PriceEntry entry) {
        Map<String, PriceEntry> next = new TreeMap<>(overridesByKey);
        if (entry == null) {
            next.remove(key);
        } else {
            next.put(key, entry);
        }
        PriceCatalog rebuilt = base;
        for (PriceEntry override : next.values()) {
            rebuilt = withOverride(rebuilt, override);
        }
        overridesByKey.clear();
        overridesByKey.putAll(next);
        current.set(rebuilt);
    }

    /** Checks that an entry would be accepted, without applying it. */
    public static void validate(PriceEntry entry) {
        withOverride(PriceCatalog.bundled(), entry);
    }

    private static PriceCatalog withOverride(PriceCatalog catalog, PriceEntry entry) {
        Map<String, BigDecimal> prices = new TreeMap<>();
        entry.getPricesPerMillion().forEach((unit, price) -> prices.put(unit, decimal(unit, price)));
        if (entry.getRequestPriceUsd() != null) {
            prices.put(PER_THOUSAND_REQUESTS, decimal("requestPriceUsd", entry.getRequestPriceUsd()).multiply(THOUSAND));
        }
        return catalog.withOverride(entry.getProvider(), entry.getModel(),
                Instant.ofEpochMilli(entry.getEffectiveFromMillis()), prices);
    }

    /**
     * Prices come from whoever can write the prices topic. An exponent such as {@code 1E+999999999} is a valid
     * decimal whose plain rendering of any cost would take gigabytes, so digits and magnitude are bounded.
     */
    private static BigDecimal decimal(String name, String value) {
        if (value.length() > MAX_PRICE_CHARS) {
            throw new IllegalArgumentException(name + " has " + value.length() + " characters, at most " + MAX_PRICE_CHARS);
        }
        BigDecimal price;
        try {
            price = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a decimal number: '" + value + "'");
        }
        if (price.scale() > MAX_PRICE_SCALE || price.abs().compareTo(MAX_PRICE) > 0) {
            throw new IllegalArgumentException(name + " " + value + " is outside the plausible range: at most "
                    + MAX_PRICE.toPlainString() + " USD with at most " + MAX_PRICE_SCALE + " decimal places");
        }
        return price;
    }
}
