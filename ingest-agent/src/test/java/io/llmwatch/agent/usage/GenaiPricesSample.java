package io.llmwatch.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * genai-prices' {@code usages-sample.json}: real provider responses, each with the usage genai-prices
 * extracted from it and the (provider, API flavour) extractors that produced it. The team's shared data sits
 * beside the repository, not in it, and CI clones the repository elsewhere, so it is found by walking up
 * from the working directory.
 */
final class GenaiPricesSample {

    private static final Path LOCATION = Path.of("shared", "data", "genai-prices", "usages-sample.json");

    private GenaiPricesSample() {
    }

    /**
     * One response as seen by one extractor.
     *
     * @param expected the usage genai-prices extracted, by its key ({@code input_tokens}, ...); empty if it
     *                 could not read this response with this extractor
     */
    record Reading(String file, JsonNode body, Optional<String> model, String provider, String apiFlavor,
                   Optional<JsonNode> expected) {

        @Override
        public String toString() {
            return provider + "/" + apiFlavor + (expected.isPresent() ? " reads " : " refuses ")
                    + file.substring(file.lastIndexOf('/') + 1);
        }
    }

    /** Every response of the sample read by every one of {@code apis}, whether genai-prices could read it or not. */
    static List<Reading> readings(Iterable<UsageExtractors.Api> apis) {
        List<Reading> readings = new ArrayList<>();
        for (JsonNode response : load()) {
            for (UsageExtractors.Api api : apis) {
                readings.add(new Reading(response.path("body").path("file").asText(), response.get("body"),
                        Optional.ofNullable(response.get("model")).map(JsonNode::asText),
                        api.provider(), api.apiFlavor(), expectedUsage(response, api)));
            }
        }
        return readings;
    }

    private static Optional<JsonNode> expectedUsage(JsonNode response, UsageExtractors.Api api) {
        for (JsonNode extraction : response.path("extracted")) {
            for (JsonNode extractor : extraction.path("extractors")) {
                if (extractor.path("provider_id").asText().equals(api.provider())
                        && extractor.path("api_flavor").asText().equals(api.apiFlavor())) {
                    return Optional.of(extraction.get("usage"));
                }
            }
        }
        return Optional.empty();
    }

    private static JsonNode load() {
        try {
            return new ObjectMapper().readTree(Files.readString(find()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path find() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(LOCATION);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No " + LOCATION + " in " + Path.of("").toAbsolutePath() + " or above it");
    }
}
