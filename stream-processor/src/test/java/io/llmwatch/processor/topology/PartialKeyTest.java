package io.llmwatch.processor.topology;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class PartialKeyTest {

    @Test
    void readsBackWhatItWrites() {
        PartialKey onTime = new PartialKey(1_764_151_200_000L, "", "user|u-1");
        PartialKey late = new PartialKey(1_764_151_200_000L, "1m,1h", "user_feature|u-1\u001fsearch");

        assertThat(PartialKey.decode(onTime.encode())).isEqualTo(onTime);
        assertThat(PartialKey.decode(late.encode())).isEqualTo(late);
        assertThat(late.late()).isTrue();
        assertThat(onTime.late()).isFalse();
    }

    @Test
    void readsKeysWrittenBeforeLatenessWasPartOfThemAsOnTime() {
        assertThat(PartialKey.decode("0000019abf2a6e00model|gpt-4o"))
                .isEqualTo(new PartialKey(0x19abf2a6e00L, "", "model|gpt-4o"));
    }

    @Test
    void keepsADimensionValueThatContainsTheLateMark() {
        PartialKey key = new PartialKey(60_000, "", "user|!1m!");

        assertThat(PartialKey.decode(key.encode())).isEqualTo(key);
    }

    @Test
    void sortsOldestBucketFirst() {
        List<String> keys = List.of(new PartialKey(600_000, "", "model|a").encode(),
                new PartialKey(60_000, "1m", "model|z").encode(), new PartialKey(120_000, "", "model|a").encode());

        assertThat(new TreeSet<>(keys)).extracting(key -> PartialKey.decode(key).bucketStart())
                .containsExactly(60_000L, 120_000L, 600_000L);
    }
}
