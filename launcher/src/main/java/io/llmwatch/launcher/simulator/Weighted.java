package io.llmwatch.launcher.simulator;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A fixed set of choices, each picked with probability proportional to its weight. */
final class Weighted<T> {

    private final List<T> choices;
    private final double[] cumulativeWeights;

    private Weighted(Map<T, Double> weights) {
        this.choices = List.copyOf(weights.keySet());
        this.cumulativeWeights = new double[choices.size()];
        double total = 0;
        for (int i = 0; i < choices.size(); i++) {
            double weight = weights.get(choices.get(i));
            if (!(weight > 0)) {
                throw new IllegalArgumentException("Weight of " + choices.get(i) + " must be positive, was " + weight);
            }
            total += weight;
            cumulativeWeights[i] = total;
        }
    }

    /** Choices in iteration order of {@code weights}, which keeps picks reproducible for a seed. */
    static <T> Weighted<T> of(LinkedHashMap<T, Double> weights) {
        return new Weighted<>(weights);
    }

    T pick(Random random) {
        double point = random.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
        int index = Arrays.binarySearch(cumulativeWeights, point);
        return choices.get(index >= 0 ? index + 1 : -index - 1);
    }

    List<T> choices() {
        return choices;
    }
}
