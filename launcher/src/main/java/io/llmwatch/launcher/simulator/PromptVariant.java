package io.llmwatch.launcher.simulator;

import io.llmwatch.agent.prompt.PromptVersion;

/**
 * A prompt template in use, as registered with the agent's prompt registry.
 *
 * @param outputScale how much longer (or shorter) this version makes the answers than the first version
 */
record PromptVariant(String template, PromptVersion version, double outputScale) {
}
