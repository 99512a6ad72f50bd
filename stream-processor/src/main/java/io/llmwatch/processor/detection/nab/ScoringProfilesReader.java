package io.llmwatch.processor.detection.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads NAB's {@code profiles.json}: {@code {"standard": {"CostMatrix": {"tpWeight": 1.0, ...}}, ...}}. */
public final class ScoringProfilesReader {

    private ScoringProfilesReader() {
    }

    /** The profiles in file order. */
    public static List<ScoringProfile> read(Path profilesFile) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(profilesFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read profiles from " + profilesFile, e);
        }
        List<ScoringProfile> profiles = new ArrayList<>();
        for (Map.Entry<String, JsonNode> profile : root.properties()) {
            JsonNode costs = profile.getValue().path("CostMatrix");
            profiles.add(new ScoringProfile(profile.getKey(), new CostMatrix(
                    weight(costs, "tpWeight", profile.getKey()),
                    weight(costs, "fpWeight", profile.getKey()),
                    weight(costs, "fnWeight", profile.getKey()))));
        }
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException(profilesFile + " defines no profile");
        }
        return profiles;
    }

    private static double weight(JsonNode costs, String field, String profile) {
        JsonNode weight = costs.get(field);
        if (weight == null || !weight.isNumber()) {
            throw new IllegalArgumentException("profile " + profile + " has no numeric CostMatrix." + field);
        }
        return weight.doubleValue();
    }
}
