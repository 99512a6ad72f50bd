package io.llmwatch.processor.detection.nab;

import java.util.Objects;

/** A named application profile of NAB, e.g. {@code standard} or {@code reward_low_FP_rate}. */
public record ScoringProfile(String name, CostMatrix costs) {

    public ScoringProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(costs, "costs");
    }
}
