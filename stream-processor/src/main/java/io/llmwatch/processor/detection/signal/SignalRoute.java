package io.llmwatch.processor.detection.signal;

/**
 * Which detectors a repartitioned signal is for. Signals of every route share one repartition topic, keyed
 * {@code route#dimension|value}, so each detector key has one partition and one owner.
 */
public enum SignalRoute {
    /** Cost detectors (spike, anomaly, budgets) per feature, user, tenant, model and globally. */
    COST("cost"),
    /** Latency, time-to-first-token and error-rate regressions per model and provider. */
    TIMING("timing"),
    /** Quality degradation per model × prompt version. */
    QUALITY("quality"),
    /** Prompt drift and prompt efficiency per prompt name. */
    PROMPT("prompt"),
    /** Calls whose model has no price, per model. */
    UNPRICED("unpriced");

    private static final char SEPARATOR = '#';

    private final String prefix;

    SignalRoute(String prefix) {
        this.prefix = prefix + SEPARATOR;
    }

    public String key(String dimensionKey) {
        return prefix + dimensionKey;
    }

    public boolean routes(String key) {
        return key.startsWith(prefix);
    }

    /** The detector key without the route, {@code dimension|value}. */
    public String dimensionKey(String key) {
        return key.substring(prefix.length());
    }
}
