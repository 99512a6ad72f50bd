package io.llmwatch.processor.detection.comparison;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.llmwatch.processor.serde.JsonSerde.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

class RecentValuesTest {

    /** Whatever the appends, a window holds exactly what a plain list trimmed to the capacity would. */
    @Property(tries = 200)
    void holdsTheNewestValuesLikeATrimmedList(@ForAll @Size(max = 300) List<Double> appended,
                                              @ForAll @IntRange(min = 1, max = 40) int capacity) {
        RecentValues window = RecentValues.none();
        List<Double> expected = new ArrayList<>();
        for (double value : appended) {
            window = window.append(value, capacity);
            expected.add(value);
            if (expected.size() > capacity) {
                expected.remove(0);
            }
        }

        assertThat(window.toArray()).containsExactly(expected.stream().mapToDouble(Double::doubleValue).toArray());
        assertThat(window.count()).isEqualTo(expected.size());
    }

    @Test
    void anEarlierWindowNeverChangesWhenALaterOneAppends() {
        RecentValues first = RecentValues.none().append(1, 3).append(2, 3);
        RecentValues second = first.append(3, 3);

        second.append(4, 3).append(5, 3);

        assertThat(first.toArray()).containsExactly(1, 2);
        assertThat(second.toArray()).containsExactly(1, 2, 3);
    }

    @Test
    void anEarlierWindowThatAppendsAgainBranchesWithoutTouchingTheLaterOne() {
        RecentValues first = RecentValues.none().append(1, 3).append(2, 3);
        RecentValues later = first.append(3, 3);

        RecentValues branch = first.append(9, 3);

        assertThat(later.toArray()).containsExactly(1, 2, 3);
        assertThat(branch.toArray()).containsExactly(1, 2, 9);
        assertThat(later.append(4, 3).toArray()).containsExactly(2, 3, 4);
    }

    @Test
    void windowsWithTheSameValuesAreEqualHoweverTheyWereBuilt() {
        RecentValues appended = RecentValues.none().append(5, 2).append(6, 2).append(7, 2);

        assertThat(appended).isEqualTo(new RecentValues(new double[] {6, 7}))
                .hasSameHashCodeAs(new RecentValues(new double[] {6, 7}));
        assertThat(appended).isNotEqualTo(new RecentValues(new double[] {5, 6}));
    }

    @Test
    void serialisesAsItsValuesOldestFirst() throws Exception {
        RecentValues window = RecentValues.none().append(1.5, 2).append(2.5, 2).append(3.5, 2);

        String json = MAPPER.writeValueAsString(window);

        assertThat(json).isEqualTo("{\"values\":[2.5,3.5]}");
        assertThat(MAPPER.readValue(json, RecentValues.class)).isEqualTo(window);
    }
}
