package io.llmwatch.processor.detection.nab;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the team's shared NAB corpus ({@code shared/data/nab}), which sits beside the repository rather than inside
 * it; CI clones the repository elsewhere, so it is searched upwards from the working directory.
 */
final class SharedNabCorpus {

    private static final Path RELATIVE_LOCATION = Path.of("shared", "data", "nab");

    private SharedNabCorpus() {
    }

    static Path directory() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(RELATIVE_LOCATION);
            if (Files.isDirectory(candidate.resolve("data"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + RELATIVE_LOCATION + " in " + Path.of("").toAbsolutePath()
                + " or any directory above it");
    }

    static Path dataDir() {
        return directory().resolve("data");
    }

    static Path windowsFile() {
        return directory().resolve("combined_windows.json");
    }

    static Path profilesFile() {
        return directory().resolve("profiles.json");
    }
}
