package io.llmwatch.processor.pricing.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The genai-prices unit registry: every usage key a usage may report and every price key a price sheet may use.
 *
 * <p>Loaded from the bundled {@code genai-prices/units.json}, a copy of genai-prices' {@code prices/units.yml}, so
 * that adding a unit is a data change exactly as it is upstream.
 */
public final class UnitRegistry {

    /** The unit genai-prices charges once per priced request; a usage never reports it. */
    public static final String REQUESTS = "requests";

    private static final String RESOURCE = "/io/llmwatch/processor/pricing/genai-prices/units.json";

    private final Map<String, UsageUnit> unitsByUsageKey;
    private final Map<String, UsageUnit> unitsByPriceKey;
    private final Map<Map<String, String>, UsageUnit> unitsByDimensions;
    private final Set<String> reportableUsageKeys;

    private UnitRegistry(Collection<UsageUnit> units) {
        this.unitsByUsageKey = Collections.unmodifiableMap(index(units, UsageUnit::usageKey));
        this.unitsByPriceKey = Collections.unmodifiableMap(index(units, UsageUnit::priceKey));
        this.unitsByDimensions = Map.copyOf(index(units, UsageUnit::dimensions));
        Set<String> reportable = new LinkedHashSet<>(unitsByUsageKey.keySet());
        reportable.remove(REQUESTS);
        this.reportableUsageKeys = Collections.unmodifiableSet(reportable);
    }

    /** The registry bundled with this build, loaded once. */
    public static UnitRegistry standard() {
        return Standard.INSTANCE;
    }

    public Optional<UsageUnit> unitForUsageKey(String usageKey) {
        return Optional.ofNullable(unitsByUsageKey.get(usageKey));
    }

    public Optional<UsageUnit> unitForPriceKey(String priceKey) {
        return Optional.ofNullable(unitsByPriceKey.get(priceKey));
    }

    /** The usage keys a usage may report, in registry order. */
    public Set<String> reportableUsageKeys() {
        return reportableUsageKeys;
    }

    /** The keys a price sheet may price units under, in registry order. */
    public Set<String> priceKeys() {
        return unitsByPriceKey.keySet();
    }

    /** The units {@code unit} is a more specific part of, e.g. {@code input_tokens} for {@code cache_read_tokens}. */
    public Set<UsageUnit> ancestorsOf(UsageUnit unit) {
        return unitsByUsageKey.values().stream()
                .filter(candidate -> !candidate.equals(unit) && candidate.isAncestorOrSelfOf(unit))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The unit counting what two compatible units have in common, e.g. {@code cache_audio_read_tokens} for
     * {@code cache_read_tokens} and {@code input_audio_tokens}; empty when they are incompatible or the registry
     * has no such unit.
     */
    public Optional<UsageUnit> join(UsageUnit first, UsageUnit second) {
        if (!first.isCompatibleWith(second)) {
            return Optional.empty();
        }
        Map<String, String> union = new HashMap<>(first.dimensions());
        union.putAll(second.dimensions());
        return Optional.ofNullable(unitsByDimensions.get(union));
    }

    private static UnitRegistry load() {
        try (InputStream json = UnitRegistry.class.getResourceAsStream(RESOURCE)) {
            if (json == null) {
                throw new IllegalStateException("unit registry " + RESOURCE + " is missing from the classpath");
            }
            return parse(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read unit registry " + RESOURCE, e);
        }
    }

    private static UnitRegistry parse(JsonNode registry) {
        return new UnitRegistry(registry.properties().stream()
                .map(unit -> new UsageUnit(
                        unit.getKey(),
                        unit.getValue().required("price_key").asText(),
                        unit.getValue().required("per").asLong(),
                        textValues(unit.getValue().required("dimensions"))))
                .toList());
    }

    private static Map<String, String> textValues(JsonNode object) {
        return object.properties().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().asText()));
    }

    private static <K> Map<K, UsageUnit> index(Collection<UsageUnit> units, Function<UsageUnit, K> key) {
        Map<K, UsageUnit> index = new LinkedHashMap<>();
        for (UsageUnit unit : units) {
            if (index.putIfAbsent(key.apply(unit), unit) != null) {
                throw new IllegalStateException("unit registry defines " + key.apply(unit) + " twice");
            }
        }
        return index;
    }

    /** Holder so the registry is read on first use and exactly once. */
    private static final class Standard {
        private static final UnitRegistry INSTANCE = load();
    }
}
