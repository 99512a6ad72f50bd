package io.llmwatch.processor.pricing.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.processor.pricing.extraction.ExtractionPath.ValueType;
import io.llmwatch.processor.pricing.usage.TokenUsage;
import io.llmwatch.processor.pricing.usage.UnitRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's declarative recipe for reading model and usage out of one API flavour's response bodies, as the
 * genai-prices catalogue states it ({@code root}, {@code model_path}, {@code mappings}).
 *
 * @param apiFlavor which of the provider's APIs it reads, e.g. {@code chat} or {@code responses}
 * @param root where the usage object sits in the body
 * @param modelPath where the model name sits in the body
 * @param mappings the counts to read from the usage object
 */
public record UsageExtractor(String apiFlavor, ExtractionPath root, ExtractionPath modelPath,
        List<UsageMapping> mappings) {

    /** genai-prices' flavour for providers with a single API. */
    public static final String DEFAULT_FLAVOR = "default";

    private static final Logger LOG = LoggerFactory.getLogger(UsageExtractor.class);
    private static final ExtractionPath DEFAULT_MODEL_PATH = new ExtractionPath(List.of(new PathStep.Field("model")));

    public UsageExtractor {
        Objects.requireNonNull(apiFlavor, "apiFlavor");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(modelPath, "modelPath");
        mappings = List.copyOf(mappings);
    }

    /**
     * Reads an extractor of the catalogue. Mappings into usage keys this build does not know are dropped, as
     * genai-prices does, so a newer catalogue still loads.
     */
    public static UsageExtractor fromJson(JsonNode extractor) {
        JsonNode modelPath = extractor.get("model_path");
        return new UsageExtractor(
                extractor.path("api_flavor").asText(DEFAULT_FLAVOR),
                ExtractionPath.fromJson(extractor.required("root")),
                modelPath == null ? DEFAULT_MODEL_PATH : ExtractionPath.fromJson(modelPath),
                StreamSupport.stream(extractor.required("mappings").spliterator(), false)
                        .map(UsageMapping::fromJson)
                        .filter(UsageExtractor::isKnownUsageKey)
                        .toList());
    }

    /**
     * Reads the model name (if any) and the usage out of a response body.
     *
     * @throws UsageExtractionException when the usage object or a required count is missing or malformed, or the
     *     body holds none of the counts
     */
    public ExtractedUsage extract(JsonNode body) {
        Optional<String> modelName = modelPath.find(body, false, ValueType.STRING, "").map(JsonNode::textValue);
        JsonNode usage = root.find(body, true, ValueType.OBJECT, "").orElseThrow();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (UsageMapping mapping : mappings) {
            mapping.path().find(usage, mapping.required(), ValueType.NUMBER, root.toString())
                    .ifPresent(count -> counts.merge(mapping.usageKey(), tokenCount(count, mapping), Math::addExact));
        }
        if (!mappings.isEmpty() && counts.isEmpty()) {
            throw new UsageExtractionException("No usage information found at `" + root + "`");
        }
        return new ExtractedUsage(modelName, TokenUsage.of(counts));
    }

    private long tokenCount(JsonNode count, UsageMapping mapping) {
        if (!count.canConvertToExactIntegral() || !count.canConvertToLong() || count.longValue() < 0) {
            throw new UsageExtractionException("Expected `" + root + "." + mapping.path()
                    + "` to be a whole non-negative count, got " + count);
        }
        return count.longValue();
    }

    private static boolean isKnownUsageKey(UsageMapping mapping) {
        boolean known = UnitRegistry.standard().reportableUsageKeys().contains(mapping.usageKey());
        if (!known) {
            LOG.warn("Ignoring extractor mapping into unknown usage key {}", mapping.usageKey());
        }
        return known;
    }
}
