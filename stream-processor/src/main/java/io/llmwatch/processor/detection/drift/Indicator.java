package io.llmwatch.processor.detection.drift;

import com.fasterxml.jackson.annotation.JsonValue;

/** What prompt drift compares between two versions of a prompt, or between two windows of one version. */
public enum Indicator {
    LATENCY_MS("latency_ms", "ms", true),
    INPUT_TOKENS("input_tokens", "tokens", true),
    OUTPUT_TOKENS("output_tokens", "tokens", true),
    COST_PER_CALL_USD("cost_per_call_usd", "USD", true),
    QUALITY("quality", "score", false);

    private final String label;
    private final String unit;
    private final boolean worseWhenHigher;

    Indicator(String label, String unit, boolean worseWhenHigher) {
        this.label = label;
        this.unit = unit;
        this.worseWhenHigher = worseWhenHigher;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    /** Whether a move in this direction (positive: up) is a change for the worse: slower, bigger, dearer, or worse. */
    public boolean worse(Direction direction) {
        return direction == (worseWhenHigher ? Direction.UP : Direction.DOWN);
    }
}
