package io.llmwatch.processor.pricing;

import io.llmwatch.processor.pricing.extraction.UsageExtractionException;
import io.llmwatch.processor.pricing.extraction.UsageExtractor;
import io.llmwatch.processor.pricing.matching.MatchClause;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A provider of the catalogue.
 *
 * @param id its unique identifier, e.g. {@code openai}
 * @param providerMatch recognises other names for it, e.g. {@code amazon-bedrock} for {@code aws}
 * @param modelMatch recognises names of the models it owns, to find the provider when only a model is known
 * @param fallbackProviderIds providers whose models it also serves, e.g. Azure serves OpenAI's
 * @param extractors how to read usage from each of its API flavours
 * @param models its models, in catalogue order: the first that matches a name wins
 */
record Provider(String id, Optional<MatchClause> providerMatch, Optional<MatchClause> modelMatch,
        List<String> fallbackProviderIds, List<UsageExtractor> extractors, List<CatalogModel> models) {

    Provider {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(providerMatch, "providerMatch");
        Objects.requireNonNull(modelMatch, "modelMatch");
        fallbackProviderIds = List.copyOf(fallbackProviderIds);
        extractors = List.copyOf(extractors);
        models = List.copyOf(models);
    }

    /** @param modelName a lower-cased model name */
    Optional<CatalogModel> ownModelMatching(String modelName) {
        return models.stream().filter(model -> model.match().matches(modelName)).findFirst();
    }

    boolean answersTo(String providerName) {
        return providerMatch.map(match -> match.matches(providerName)).orElse(false);
    }

    boolean ownsModelNamed(String modelName) {
        return modelMatch.map(match -> match.matches(modelName)).orElse(false);
    }

    /** @throws UsageExtractionException when the provider has no extractor for the flavour */
    UsageExtractor extractor(String apiFlavor) {
        if (extractors.isEmpty()) {
            throw new UsageExtractionException("provider " + id + " defines no usage extractors");
        }
        return extractors.stream()
                .filter(extractor -> extractor.apiFlavor().equals(apiFlavor))
                .findFirst()
                .orElseThrow(() -> new UsageExtractionException("Unknown api_flavor '" + apiFlavor + "' for provider "
                        + id + ", allowed values: "
                        + extractors.stream().map(UsageExtractor::apiFlavor).collect(Collectors.joining(", "))));
    }
}
