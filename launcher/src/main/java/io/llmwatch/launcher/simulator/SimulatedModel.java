package io.llmwatch.launcher.simulator;

import java.time.Duration;

/**
 * A real model the simulated app calls, named as in the genai-prices catalogue so the processor can
 * price it: the provider id, the name requested and the dated snapshot the provider answers with.
 *
 * <p>Providers are named by their genai-prices ids ({@code openai}, {@code anthropic}, {@code google}); the
 * catalogue's provider-match rules also accept OpenTelemetry's names such as {@code gcp.gemini}.
 *
 * @param outputTokensPerSecond how fast it streams its answer
 * @param timeToFirstToken      typical wait before the first token of a short prompt; for an embedding model, the whole call
 */
record SimulatedModel(String provider, String name, String responseModel, ModelPrice price,
                      int outputTokensPerSecond, Duration timeToFirstToken) {

    static final SimulatedModel GPT_4O = new SimulatedModel("openai", "gpt-4o", "gpt-4o-2024-08-06",
            ModelPrice.of("2.5", "1.25", "2.5", "10"), 90, Duration.ofMillis(450));
    static final SimulatedModel GPT_4O_MINI = new SimulatedModel("openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18",
            ModelPrice.of("0.15", "0.075", "0.15", "0.6"), 120, Duration.ofMillis(350));
    static final SimulatedModel O4_MINI = new SimulatedModel("openai", "o4-mini", "o4-mini-2025-04-16",
            ModelPrice.of("1.1", "0.275", "1.1", "4.4"), 110, Duration.ofMillis(1500));
    static final SimulatedModel O3 = new SimulatedModel("openai", "o3", "o3-2025-04-16",
            ModelPrice.of("2", "0.5", "2", "8"), 70, Duration.ofMillis(2500));
    static final SimulatedModel TEXT_EMBEDDING_3_SMALL = new SimulatedModel("openai", "text-embedding-3-small", "text-embedding-3-small",
            ModelPrice.of("0.02", "0.02", "0.02", "0"), 0, Duration.ofMillis(60));
    static final SimulatedModel CLAUDE_3_5_HAIKU = new SimulatedModel("anthropic", "claude-3-5-haiku-latest", "claude-3-5-haiku-20241022",
            ModelPrice.of("0.8", "0.08", "1", "4"), 100, Duration.ofMillis(500));
    static final SimulatedModel CLAUDE_SONNET_4_5 = new SimulatedModel("anthropic", "claude-sonnet-4-5", "claude-sonnet-4-5-20250929",
            ModelPrice.of("3", "0.3", "3.75", "15"), 65, Duration.ofMillis(900));
    static final SimulatedModel CLAUDE_OPUS_4_1 = new SimulatedModel("anthropic", "claude-opus-4-1", "claude-opus-4-1-20250805",
            ModelPrice.of("15", "1.5", "18.75", "75"), 40, Duration.ofMillis(1400));
    static final SimulatedModel GEMINI_2_5_FLASH = new SimulatedModel("google", "gemini-2.5-flash", "gemini-2.5-flash",
            ModelPrice.of("0.3", "0.03", "0.3", "2.5"), 180, Duration.ofMillis(400));
    static final SimulatedModel GEMINI_2_5_PRO = new SimulatedModel("google", "gemini-2.5-pro", "gemini-2.5-pro",
            ModelPrice.of("1.25", "0.125", "1.25", "10"), 90, Duration.ofMillis(1100));

    /** The same model answering {@code factor} times slower: a provider under load. */
    SimulatedModel slowedBy(double factor) {
        return new SimulatedModel(provider, name, responseModel, price, (int) Math.max(1, outputTokensPerSecond / factor),
                Duration.ofNanos((long) (timeToFirstToken.toNanos() * factor)));
    }

    /** Anthropic bills writing to its prompt cache; OpenAI and Google do not report it. */
    boolean billsCacheWrites() {
        return provider.equals("anthropic");
    }
}
