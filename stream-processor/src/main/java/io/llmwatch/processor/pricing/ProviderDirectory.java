package io.llmwatch.processor.pricing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds providers and models by the names requests use for them, exactly as genai-prices'
 * {@code DataSnapshot.find_provider_model} does.
 */
final class ProviderDirectory {

    /**
     * LiteLLM reports its own name as provider and {@code <provider>/<model>} as model; genai-prices unwraps that,
     * and failing that finds the provider from the model name alone.
     */
    private static final String LITELLM = "litellm";

    /** Bounds the memo, so a flood of distinct junk model names cannot grow it without limit. */
    private static final int MAX_REMEMBERED = 10_000;

    private final List<Provider> providers;
    /**
     * Resolutions by the names asked. A stream prices the same few dozen models millions of times, and
     * resolving walks every match rule of a provider (the hottest pricing step in a profile of the
     * pipeline); the directory never changes, so a resolution never goes stale.
     */
    private final Map<String, Resolution> remembered = new ConcurrentHashMap<>();

    ProviderDirectory(List<Provider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** The provider whose id is the (trimmed, case-insensitive) name, else the first whose provider match accepts it. */
    Optional<Provider> byId(String providerName) {
        String name = normalize(providerName);
        return providers.stream().filter(provider -> provider.id().equals(name)).findFirst()
                .or(() -> providers.stream().filter(provider -> provider.answersTo(name)).findFirst());
    }

    Resolution resolve(String providerName, String modelName) {
        String names = providerName + '\n' + modelName;
        Resolution known = remembered.get(names);
        if (known != null) {
            return known;
        }
        Resolution resolution = resolveByRules(providerName, modelName);
        if (remembered.size() < MAX_REMEMBERED) {
            remembered.put(names, resolution);
        }
        return resolution;
    }

    private Resolution resolveByRules(String providerName, String modelName) {
        Reference reference = unwrapLiteLlm(new Reference(providerName, modelName.toLowerCase(Locale.ROOT)));
        String model = reference.model();
        Optional<Provider> found = byId(reference.provider())
                .or(() -> isLiteLlm(reference.provider()) ? ownerOfModelNamed(model) : Optional.empty());
        if (found.isEmpty()) {
            return new Resolution.Missing(new PriceKey(normalize(reference.provider()), model),
                    "unknown provider '" + providerName + "'");
        }
        Provider provider = found.get();
        return modelNamed(provider, model)
                .<Resolution>map(catalogModel -> new Resolution.Found(provider, catalogModel))
                .orElseGet(() -> new Resolution.Missing(new PriceKey(provider.id(), model),
                        "provider " + provider.id() + " has no model matching '" + model + "'"));
    }

    /** {@code litellm} + {@code openai/gpt-4o} becomes {@code openai} + {@code gpt-4o} when openai is a provider. */
    private Reference unwrapLiteLlm(Reference reference) {
        int slash = reference.model().indexOf('/');
        if (!isLiteLlm(reference.provider()) || slash <= 0) {
            return reference;
        }
        String provider = reference.model().substring(0, slash);
        return byId(provider).isPresent() ? new Reference(provider, reference.model().substring(slash + 1)) : reference;
    }

    /** The provider's own model, else one of a fallback provider's own models (one step of fallback only). */
    private Optional<CatalogModel> modelNamed(Provider provider, String model) {
        return provider.ownModelMatching(model).or(() -> provider.fallbackProviderIds().stream()
                .flatMap(fallbackId -> providers.stream().filter(candidate -> candidate.id().equals(fallbackId)))
                .flatMap(fallback -> fallback.ownModelMatching(model).stream())
                .findFirst());
    }

    private Optional<Provider> ownerOfModelNamed(String model) {
        return providers.stream().filter(provider -> provider.ownsModelNamed(model)).findFirst();
    }

    private static boolean isLiteLlm(String providerName) {
        return providerName.toLowerCase(Locale.ROOT).equals(LITELLM);
    }

    private static String normalize(String providerName) {
        return providerName.strip().toLowerCase(Locale.ROOT);
    }

    /** A provider name and a lower-cased model name, as a request gave them. */
    private record Reference(String provider, String model) {
    }
}
