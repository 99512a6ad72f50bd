package io.llmwatch.processor.detection.anomaly;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The typical offset of each time-of-day slot (hour of day by default, UTC) from the series' level, learnt as an
 * exponentially weighted average per slot. Subtracting it lets a daily rhythm look flat, so an hour that behaves
 * unlike the same hour on earlier days stands out even when its value is common at other hours.
 *
 * @param offsets per slot, the learnt offset from the level
 * @param learnt  per slot, whether it has been visited at all (its first visit sets the offset outright)
 */
public record SeasonalProfile(List<Double> offsets, List<Boolean> learnt) {

    public SeasonalProfile {
        offsets = List.copyOf(offsets);
        learnt = List.copyOf(learnt);
        if (offsets.size() != learnt.size()) {
            throw new IllegalArgumentException("offsets and learnt must have one entry per slot");
        }
    }

    static SeasonalProfile empty(AnomalySettings settings) {
        return new SeasonalProfile(Collections.nCopies(settings.seasonalSlotsPerDay(), 0.0),
                Collections.nCopies(settings.seasonalSlotsPerDay(), false));
    }

    int slotOf(long timestampMillis, AnomalySettings settings) {
        if (offsets.size() != settings.seasonalSlotsPerDay()) {
            throw new IllegalArgumentException("state has " + offsets.size() + " seasonal slots, settings have "
                    + settings.seasonalSlotsPerDay());
        }
        return Math.floorMod(Math.floorDiv(timestampMillis, settings.seasonalSlotMillis()), offsets.size());
    }

    double offset(int slot) {
        return offsets.get(slot);
    }

    SeasonalProfile learn(int slot, double offsetFromLevel, double learningRate) {
        double rate = learnt.get(slot) ? learningRate : 1;
        List<Double> nextOffsets = new ArrayList<>(offsets);
        nextOffsets.set(slot, offsets.get(slot) + rate * (offsetFromLevel - offsets.get(slot)));
        List<Boolean> nextLearnt = new ArrayList<>(learnt);
        nextLearnt.set(slot, true);
        return new SeasonalProfile(nextOffsets, nextLearnt);
    }
}
