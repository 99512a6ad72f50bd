package io.llmwatch.processor.detection.nab;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A detector's NAB result per profile; serialises as
 * {@code {"standard":{"score":..,"threshold":..},"reward_low_FP_rate":{..},"reward_low_FN_rate":{..}}}.
 */
public record NabResult(@JsonValue Map<String, ProfileScore> byProfile) {

    public NabResult {
        byProfile = Collections.unmodifiableMap(new LinkedHashMap<>(byProfile));
    }

    public ProfileScore profile(String name) {
        ProfileScore score = byProfile.get(name);
        if (score == null) {
            throw new IllegalArgumentException("no profile " + name + "; have " + byProfile.keySet());
        }
        return score;
    }
}
