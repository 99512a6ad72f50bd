package io.llmwatch.processor.detection.lifecycle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one observation, for every detector: the state to store for the key and the verdicts to publish,
 * usually none.
 */
public record DetectorStep<S>(S state, List<Verdict> verdicts) {

    public DetectorStep {
        Objects.requireNonNull(state, "state");
        verdicts = List.copyOf(verdicts);
    }

    public static <S> DetectorStep<S> quiet(S state) {
        return new DetectorStep<>(state, List.of());
    }

    public static <S> DetectorStep<S> of(S state, Optional<Verdict> verdict) {
        return new DetectorStep<>(state, verdict.stream().toList());
    }
}
