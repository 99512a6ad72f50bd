package io.llmwatch.processor.detection.comparison;

import org.junit.jupiter.api.Test;

import static io.llmwatch.processor.serde.JsonSerde.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

class BaselineAndRecentTest {

    private static final WindowSizes SIZES = new WindowSizes(2, 3);

    private static BaselineAndRecent addAll(BaselineAndRecent windows, boolean holdBaseline, double... values) {
        BaselineAndRecent next = windows;
        for (double value : values) {
            next = next.add(value, SIZES, holdBaseline);
        }
        return next;
    }

    @Test
    void valuesPushedOutOfTheRecentWindowMoveOnIntoTheBaseline() {
        BaselineAndRecent windows = addAll(BaselineAndRecent.empty(), false, 1, 2, 3, 4, 5, 6, 7);

        assertThat(windows.recent().values()).containsExactly(6.0, 7.0);
        assertThat(windows.baseline().values()).containsExactly(3.0, 4.0, 5.0);
        assertThat(windows.all()).containsExactly(3, 4, 5, 6, 7);
    }

    @Test
    void aHeldBaselineLetsTheRecentWindowMoveOnAlone() {
        BaselineAndRecent learnt = addAll(BaselineAndRecent.empty(), false, 1, 2, 3, 4);

        BaselineAndRecent held = addAll(learnt, true, 50, 60, 70);

        assertThat(held.baseline().values()).containsExactly(1.0, 2.0);
        assertThat(held.recent().values()).containsExactly(60.0, 70.0);
    }

    @Test
    void isComparableOnceBothWindowsHoldTheMinimum() {
        BaselineAndRecent windows = addAll(BaselineAndRecent.empty(), false, 1, 2, 3);

        assertThat(windows.comparable(1)).isTrue();
        assertThat(windows.comparable(2)).isFalse();
    }

    @Test
    void theNewestValuesComeOldestFirst() {
        RecentValues values = new RecentValues(new double[] {1, 2, 3});

        assertThat(values.newest(2)).containsExactly(2, 3);
        assertThat(values.newest(5)).containsExactly(1, 2, 3);
    }

    @Test
    void survivesAJsonRoundTrip() throws Exception {
        BaselineAndRecent windows = addAll(BaselineAndRecent.empty(), false, 0.1, 0.25, 1e-7, 3);

        String json = MAPPER.writeValueAsString(windows);

        assertThat(MAPPER.readValue(json, BaselineAndRecent.class)).isEqualTo(windows);
        assertThat(json).isEqualTo("{\"baseline\":{\"values\":[0.1,0.25]},\"recent\":{\"values\":[1.0E-7,3.0]}}");
    }

    @Test
    void theNewestOfManyValuesAreThoseAppendingEachInTurnWouldKeep() {
        double[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        for (int capacity : new int[]{1, 5, 12, 20}) {
            RecentValues appended = RecentValues.none();
            for (double value : values) {
                appended = appended.append(value, capacity);
            }

            assertThat(RecentValues.newestOf(values, capacity)).isEqualTo(appended);
        }
    }
}
