package io.llmwatch.launcher.simulator;

import io.llmwatch.agent.TokenUsage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class ModelPriceTest {

    @Test
    void cachedTokensArePartOfTheInputButBilledAtTheirOwnPrice() {
        TokenUsage usage = TokenUsage.builder().inputTokens(1500).cacheReadTokens(1024).outputTokens(250).build();

        // 476 × 0.8 + 1024 × 0.08 + 250 × 4 = 1462.72 USD per million tokens
        assertThat(SimulatedModel.CLAUDE_3_5_HAIKU.price().costOf(usage)).isEqualByComparingTo(new BigDecimal("0.00146272"));
    }

    @Test
    void cacheWritesAreBilledAtTheCacheWritePrice() {
        TokenUsage usage = TokenUsage.builder().inputTokens(2000).cacheWriteTokens(2000).outputTokens(0).build();

        assertThat(SimulatedModel.CLAUDE_SONNET_4_5.price().costOf(usage)).isEqualByComparingTo(new BigDecimal("0.0075"));
    }
}
