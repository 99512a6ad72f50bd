package io.llmwatch.agent.prompt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Names prompt templates and numbers their versions. The hash identifies a version everywhere; the
 * number is for humans and counts distinct hashes in the order this registry saw them, so instances
 * of one release that register their templates at start-up agree on it.
 *
 * <p>Thread-safe. Registering is cheap enough to do per request (a hash and a map lookup), and
 * registering a template seen before returns the version it already has.
 */
public final class PromptRegistry {

    /** Distinct hashes per name, in order of first registration: index + 1 is the version number. */
    private final Map<String, List<String>> hashesByName = new HashMap<>();

    /**
     * The version of {@code template} under {@code name}, assigning the next number if it is new.
     *
     * @throws NullPointerException     if either argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public PromptVersion register(String name, String template) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A prompt name must not be blank");
        }
        String hash = PromptTemplates.versionHash(template);
        synchronized (hashesByName) {
            List<String> hashes = hashesByName.computeIfAbsent(name, unused -> new ArrayList<>());
            int index = hashes.indexOf(hash);
            if (index < 0) {
                hashes.add(hash);
                index = hashes.size() - 1;
            }
            return new PromptVersion(name, index + 1, hash);
        }
    }
}
