package io.llmwatch.processor.detection.drift;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Which way an indicator went, by the sign of its effect size. */
public enum Direction {
    UP, DOWN, FLAT;

    static Direction of(double effectSize) {
        return effectSize > 0 ? UP : effectSize < 0 ? DOWN : FLAT;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
