package io.llmwatch.launcher.simulator;

import java.util.Optional;

/**
 * How a feature's answers get scored.
 *
 * @param evaluator   the score an in-app evaluator attaches to a sample of calls, e.g. {@code helpfulness}
 * @param thumbsShare the share of answers a user rates with thumbs up or down afterwards
 */
record QualitySignals(Optional<String> evaluator, double thumbsShare) {

    static final QualitySignals NONE = new QualitySignals(Optional.empty(), 0);
}
