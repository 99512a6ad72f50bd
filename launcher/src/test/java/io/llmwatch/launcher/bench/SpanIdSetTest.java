package io.llmwatch.launcher.bench;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SpanIdSetTest {

    @Test
    void addsEachIdOnceThroughManyGrowths() {
        SpanIdSet ids = new SpanIdSet();
        Set<Long> expected = new HashSet<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 300_000; i++) {
            // Draws from a small range repeat often, so duplicates are tried throughout.
            long id = i % 3 == 0 ? random.nextLong(1_000) : random.nextLong();
            assertThat(ids.add(id)).isEqualTo(expected.add(id));
        }
        assertThat(ids.size()).isEqualTo(expected.size());
    }

    @Test
    void keepsZeroApartFromTheEmptySlots() {
        SpanIdSet ids = new SpanIdSet();

        assertThat(ids.add(0)).isTrue();
        assertThat(ids.add(0)).isFalse();
        assertThat(ids.add(1)).isTrue();
        assertThat(ids.size()).isEqualTo(2);
    }

    @Test
    void idsThatDifferOnlyInTheirHighBitsAreAllKept() {
        SpanIdSet ids = new SpanIdSet();
        for (long high = 1; high <= 100_000; high++) {
            assertThat(ids.add(high << 40)).isTrue();
        }
        assertThat(ids.size()).isEqualTo(100_000);
    }
}
