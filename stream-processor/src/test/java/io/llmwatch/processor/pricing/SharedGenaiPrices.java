package io.llmwatch.processor.pricing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the team's shared genai-prices data ({@code shared/data/genai-prices}), which sits beside the repository
 * rather than inside it; CI clones the repository elsewhere, so the directory is searched upwards from the working
 * directory instead of being assumed at a fixed relative path.
 */
final class SharedGenaiPrices {

    private static final Path RELATIVE_LOCATION = Path.of("shared", "data", "genai-prices");

    private SharedGenaiPrices() {
    }

    static Path file(String name) {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(RELATIVE_LOCATION).resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + RELATIVE_LOCATION.resolve(name) + " in "
                + Path.of("").toAbsolutePath() + " or any directory above it");
    }
}
