package io.llmwatch.processor.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.processor.pricing.extraction.ExtractedUsage;
import io.llmwatch.processor.pricing.extraction.UsageExtractionException;
import io.llmwatch.processor.pricing.usage.TokenUsage;
import io.llmwatch.processor.pricing.usage.UnitRegistry;
import io.llmwatch.processor.pricing.usage.UsageUnit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Prices LLM calls with the genai-prices catalogue, matching providers and models and computing costs exactly as
 * genai-prices does, plus operator overrides that take effect at a point in event time.
 *
 * <p>Immutable and thread-safe: {@link #withOverride} returns a new catalogue, so a price update can be published
 * to running pricers by swapping one reference.
 */
public final class PriceCatalog {

    private static final String BUNDLED_CATALOGUE = "genai-prices/data_slim.json";

    private final ProviderDirectory providers;
    private final PriceOverrides overrides;

    private PriceCatalog(ProviderDirectory providers, PriceOverrides overrides) {
        this.providers = providers;
        this.overrides = overrides;
    }

    /** The genai-prices catalogue bundled with this build, read once. */
    public static PriceCatalog bundled() {
        return Bundled.CATALOG;
    }

    /**
     * Reads a catalogue in genai-prices' {@code data_slim.json} format. The stream is not closed.
     *
     * @throws IOException when the stream cannot be read or is not JSON
     * @throws IllegalArgumentException when the JSON is not a valid catalogue, naming the provider and model at fault
     */
    public static PriceCatalog load(InputStream json) throws IOException {
        return new PriceCatalog(CatalogReader.read(json), PriceOverrides.NONE);
    }

    /**
     * The catalogue model a provider serves under {@code modelName}: the provider is found by id or by its
     * provider-match rule, the model is the provider's first whose match rule accepts the lower-cased name, else a
     * fallback provider's (Azure serves OpenAI's models). Overrides are not consulted.
     */
    public Optional<ModelMatch> lookup(String providerId, String modelName) {
        requireText(providerId, "providerId");
        requireText(modelName, "modelName");
        Resolution resolution = providers.resolve(providerId, modelName);
        return resolution instanceof Resolution.Found found
                ? Optional.of(new ModelMatch(found.provider().id(), found.model().id()))
                : Optional.empty();
    }

    /**
     * Prices a call with the prices valid at {@code timestamp}: the latest override in effect, else the catalogue's
     * price for that date and time of day.
     *
     * @param timestamp when the call happened (the span's event time)
     * @throws IllegalArgumentException when the usage is inconsistent, e.g. more cached tokens than input tokens
     */
    public PriceResult price(String providerId, String modelName, Instant timestamp, TokenUsage usage) {
        requireText(providerId, "providerId");
        requireText(modelName, "modelName");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(usage, "usage");
        Resolution resolution = providers.resolve(providerId, modelName);
        return overrides.effectiveAt(resolution.key(), timestamp)
                .or(() -> resolution.catalogPricesAt(timestamp))
                .<PriceResult>map(prices -> prices.cost(usage, resolution.key()))
                .orElseGet(() -> new UnknownModel(providerId, modelName, resolution.explanation()));
    }

    /**
     * Reads model name and usage out of a raw provider response with the provider's extractor for the API flavour.
     *
     * @param apiFlavor e.g. {@code chat} or {@code responses} for OpenAI; {@code default} for single-API providers
     * @throws UsageExtractionException when the provider is unknown or has no extractor for the flavour, or the body
     *     lacks a required field
     */
    public ExtractedUsage extract(String providerId, String apiFlavor, JsonNode responseBody) {
        requireText(providerId, "providerId");
        requireText(apiFlavor, "apiFlavor");
        Objects.requireNonNull(responseBody, "responseBody");
        return providers.byId(providerId)
                .orElseThrow(() -> new UsageExtractionException("unknown provider '" + providerId + "'"))
                .extractor(apiFlavor)
                .extract(responseBody);
    }

    /**
     * Prices a call from its raw provider response: {@link #extract} then {@link #price}.
     *
     * @throws UsageExtractionException as {@link #extract} does, and when the body names no model
     */
    public PriceResult priceResponse(String providerId, String apiFlavor, Instant timestamp, JsonNode responseBody) {
        ExtractedUsage extracted = extract(providerId, apiFlavor, responseBody);
        String modelName = extracted.modelName()
                .orElseThrow(() -> new UsageExtractionException("the response body names no model"));
        return price(providerId, modelName, timestamp, extracted.usage());
    }

    /**
     * This catalogue plus an operator price for a model from {@code effectiveFrom} on. The override replaces the
     * model's whole price sheet (no tiers, no conditions) for calls at or after {@code effectiveFrom} until a later
     * override; calls before it keep the catalogue's price. A model the catalogue does not know becomes known from
     * {@code effectiveFrom} on. An override for a provider applies to that provider only, not to providers that
     * fall back to its models.
     *
     * @param pricesByUnit USD per genai-prices price unit, e.g. {@code input_mtok} (per million input tokens),
     *     {@code cache_read_mtok}, {@code requests_kcount} (per thousand requests)
     * @throws IllegalArgumentException for an unknown or negative price, or a sheet genai-prices could not apply
     *     (say {@code cache_read_mtok} without {@code input_mtok})
     */
    public PriceCatalog withOverride(String providerId, String modelName, Instant effectiveFrom,
            Map<String, BigDecimal> pricesByUnit) {
        requireText(providerId, "providerId");
        requireText(modelName, "modelName");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(pricesByUnit, "pricesByUnit");
        PriceKey key = providers.resolve(providerId, modelName).key();
        return new PriceCatalog(providers, overrides.with(key, effectiveFrom, overrideSheet(pricesByUnit)));
    }

    private static PriceSheet overrideSheet(Map<String, BigDecimal> pricesByUnit) {
        if (pricesByUnit.isEmpty()) {
            throw new IllegalArgumentException("an override needs at least one price");
        }
        UnitRegistry units = UnitRegistry.standard();
        Map<UsageUnit, UnitPrice> prices = new LinkedHashMap<>();
        pricesByUnit.forEach((priceKey, price) -> prices.put(
                units.unitForPriceKey(priceKey).orElseThrow(() -> new IllegalArgumentException("unknown price unit '"
                        + priceKey + "', expected one of " + String.join(", ", units.priceKeys()))),
                new UnitPrice.Flat(Objects.requireNonNull(price, () -> "price of " + priceKey))));
        return new PriceSheet(prices);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** Holder so the bundled catalogue is read on first use and exactly once. */
    private static final class Bundled {
        private static final PriceCatalog CATALOG = readBundled();

        private static PriceCatalog readBundled() {
            try (InputStream json = PriceCatalog.class.getResourceAsStream(BUNDLED_CATALOGUE)) {
                if (json == null) {
                    throw new IllegalStateException(BUNDLED_CATALOGUE + " is missing from the classpath");
                }
                return load(json);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled price catalogue", e);
            }
        }
    }
}
