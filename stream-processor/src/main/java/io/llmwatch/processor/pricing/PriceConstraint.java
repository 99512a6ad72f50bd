package io.llmwatch.processor.pricing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Objects;

/** When a conditional price applies. Dates and times of day are read in UTC, the timestamps' own zone. */
sealed interface PriceConstraint {

    boolean isActiveAt(Instant timestamp);

    /** An unconditional price. */
    record Always() implements PriceConstraint {
        @Override
        public boolean isActiveAt(Instant timestamp) {
            return true;
        }
    }

    /** A price introduced on a date, from midnight UTC on. */
    record StartDate(LocalDate startDate) implements PriceConstraint {
        public StartDate {
            Objects.requireNonNull(startDate, "startDate");
        }

        @Override
        public boolean isActiveAt(Instant timestamp) {
            return !timestamp.atOffset(ZoneOffset.UTC).toLocalDate().isBefore(startDate);
        }
    }

    /**
     * A price for a daily interval, e.g. DeepSeek's off-peak hours: start inclusive, end exclusive. Times with
     * offsets compare on the same instant scale as Python's aware {@code time}s, so the interval does not wrap past
     * midnight.
     */
    record TimeOfDay(OffsetTime start, OffsetTime end) implements PriceConstraint {
        public TimeOfDay {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }

        @Override
        public boolean isActiveAt(Instant timestamp) {
            OffsetTime time = timestamp.atOffset(ZoneOffset.UTC).toOffsetTime();
            return !time.isBefore(start) && time.isBefore(end);
        }
    }
}
