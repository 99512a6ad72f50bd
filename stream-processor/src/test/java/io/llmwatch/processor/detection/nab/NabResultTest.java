package io.llmwatch.processor.detection.nab;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NabResultTest {

    @Test
    void rendersAsOneScoreAndThresholdObjectPerProfile() throws Exception {
        Map<String, ProfileScore> byProfile = new LinkedHashMap<>();
        byProfile.put("standard", new ProfileScore(72.5, 0.52));
        byProfile.put("reward_low_FP_rate", new ProfileScore(65.0, 0.54));
        byProfile.put("reward_low_FN_rate", new ProfileScore(76.25, 0.5));

        String json = new ObjectMapper().writeValueAsString(new NabResult(byProfile));

        assertThat(json).isEqualTo("{\"standard\":{\"score\":72.5,\"threshold\":0.52},"
                + "\"reward_low_FP_rate\":{\"score\":65.0,\"threshold\":0.54},"
                + "\"reward_low_FN_rate\":{\"score\":76.25,\"threshold\":0.5}}");
    }
}
