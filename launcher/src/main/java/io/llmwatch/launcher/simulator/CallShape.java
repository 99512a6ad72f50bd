package io.llmwatch.launcher.simulator;

/**
 * How a feature's model calls look.
 *
 * @param input              prompt tokens, cached ones included
 * @param output             completion tokens the model would write if not cut off
 * @param maxTokens          the request's {@code max_tokens}; longer answers stop with finish reason {@code length}
 * @param cachedPrefixTokens the fixed system prompt the provider can serve from its prompt cache; 0 for none
 * @param reasoningShare     the part of the output spent reasoning (reasoning models only)
 * @param temperature        the request's sampling temperature
 */
record CallShape(TokenDistribution input, TokenDistribution output, long maxTokens, long cachedPrefixTokens,
                 double reasoningShare, double temperature) {
}
