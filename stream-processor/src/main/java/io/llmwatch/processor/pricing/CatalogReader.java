package io.llmwatch.processor.pricing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.llmwatch.processor.pricing.extraction.UsageExtractor;
import io.llmwatch.processor.pricing.matching.MatchClause;
import io.llmwatch.processor.pricing.usage.UnitRegistry;
import io.llmwatch.processor.pricing.usage.UsageUnit;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a genai-prices catalogue ({@code data_slim.json} format, see its {@code data_slim.schema.json}). */
final class CatalogReader {

    /** Prices are read as exact decimals: a double would already have lost digits of {@code 0.075}. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final Logger LOG = LoggerFactory.getLogger(CatalogReader.class);
    private static final UnitRegistry UNITS = UnitRegistry.standard();

    private CatalogReader() {
    }

    /**
     * @throws IOException when the stream cannot be read or is not JSON
     * @throws IllegalArgumentException when the JSON is not a valid catalogue, naming the provider and model at fault
     */
    static ProviderDirectory read(InputStream json) throws IOException {
        JsonNode providers = JSON.readTree(json);
        if (providers == null || !providers.isArray()) {
            throw new IllegalArgumentException("a price catalogue is a JSON array of providers");
        }
        return new ProviderDirectory(elements(providers, CatalogReader::provider));
    }

    private static Provider provider(JsonNode provider) {
        String id = provider.path("id").asText();
        try {
            return new Provider(
                    requiredText(provider, "id"),
                    optionalClause(provider, "provider_match"),
                    optionalClause(provider, "model_match"),
                    elements(provider.path("fallback_model_providers"), JsonNode::asText),
                    elements(provider.path("extractors"), UsageExtractor::fromJson),
                    elements(provider.path("models"), CatalogReader::model));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("provider '" + id + "': " + e.getMessage(), e);
        }
    }

    private static CatalogModel model(JsonNode model) {
        String id = model.path("id").asText();
        try {
            return new CatalogModel(requiredText(model, "id"), MatchClause.fromJson(model.get("match")),
                    schedule(model.required("prices")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("model '" + id + "': " + e.getMessage(), e);
        }
    }

    private static PriceSchedule schedule(JsonNode prices) {
        if (prices.isArray()) {
            return new PriceSchedule(elements(prices, conditional -> new PriceSchedule.ConditionalPrice(
                    constraint(conditional.get("constraint")), sheet(conditional.required("prices")))));
        }
        return PriceSchedule.always(sheet(prices));
    }

    /** Price keys this build does not know are dropped with a warning, as genai-prices does. */
    private static PriceSheet sheet(JsonNode prices) {
        Map<UsageUnit, UnitPrice> byUnit = new LinkedHashMap<>();
        prices.properties().forEach(price -> {
            Optional<UsageUnit> unit = UNITS.unitForPriceKey(price.getKey());
            if (unit.isEmpty()) {
                LOG.warn("Ignoring unknown price key {}", price.getKey());
            } else if (!price.getValue().isNull()) {
                byUnit.put(unit.get(), unitPrice(price.getKey(), price.getValue()));
            }
        });
        return new PriceSheet(byUnit);
    }

    private static UnitPrice unitPrice(String priceKey, JsonNode price) {
        if (price.isNumber()) {
            return new UnitPrice.Flat(price.decimalValue());
        }
        if (price.isObject()) {
            return new UnitPrice.Tiered(decimal(price.required("base")), elements(price.required("tiers"),
                    tier -> new UnitPrice.Tier(tier.required("start").asLong(), decimal(tier.required("price")))));
        }
        throw new IllegalArgumentException(priceKey + " must be a number or tiered prices, got " + price);
    }

    private static PriceConstraint constraint(JsonNode constraint) {
        if (constraint == null || constraint.isNull()) {
            return new PriceConstraint.Always();
        }
        try {
            if (constraint.has("start_date")) {
                return new PriceConstraint.StartDate(LocalDate.parse(constraint.get("start_date").asText()));
            }
            return new PriceConstraint.TimeOfDay(time(constraint.required("start_time")),
                    time(constraint.required("end_time")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid price constraint " + constraint, e);
        }
    }

    /** A time of day; one written without an offset is taken as UTC. */
    private static OffsetTime time(JsonNode time) {
        String text = time.asText();
        try {
            return OffsetTime.parse(text);
        } catch (DateTimeParseException withoutOffset) {
            return LocalTime.parse(text).atOffset(ZoneOffset.UTC);
        }
    }

    private static BigDecimal decimal(JsonNode number) {
        if (!number.isNumber()) {
            throw new IllegalArgumentException("expected a number, got " + number);
        }
        return number.decimalValue();
    }

    private static Optional<MatchClause> optionalClause(JsonNode owner, String field) {
        return Optional.ofNullable(owner.get(field)).map(MatchClause::fromJson);
    }

    private static String requiredText(JsonNode owner, String field) {
        JsonNode value = owner.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' must be a non-blank string");
        }
        return value.textValue();
    }

    /** The array's elements, converted; a missing array has none. */
    private static <T> List<T> elements(JsonNode array, Function<JsonNode, T> convert) {
        return StreamSupport.stream(array.spliterator(), false).map(convert).toList();
    }
}
