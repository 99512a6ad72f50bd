package io.llmwatch.agent.otlp;

import io.llmwatch.agent.prompt.PromptTemplates;
import io.llmwatch.agent.prompt.PromptVersion;

import java.util.Optional;

/**
 * The managed prompt a span was built from, as Traceloop's prompt registry annotates it:
 * {@code traceloop.prompt.key} and {@code traceloop.prompt.version}. The version hash is llmwatch's own
 * (SHA-256 of the normalised {@code traceloop.prompt.template}), not Traceloop's {@code version_hash},
 * so prompts from OTLP and from the Java agent compare alike; without the template it is left out.
 */
final class PromptAttributes {

    private PromptAttributes() {
    }

    static Optional<PromptVersion> read(SpanAttributes attributes) {
        Optional<String> key = attributes.string("traceloop.prompt.key");
        Optional<Integer> version = attributes.count("traceloop.prompt.version")
                .filter(number -> number > 0 && number <= Integer.MAX_VALUE)
                .map(Long::intValue);
        if (key.isEmpty() || version.isEmpty()) {
            return Optional.empty();
        }
        String templateHash = attributes.string("traceloop.prompt.template").map(PromptTemplates::versionHash).orElse(null);
        return Optional.of(new PromptVersion(key.get(), version.get(), templateHash));
    }
}
