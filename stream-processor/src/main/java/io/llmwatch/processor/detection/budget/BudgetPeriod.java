package io.llmwatch.processor.detection.budget;

import java.time.Duration;

/** A period a budget caps, in event time, aligned to UTC: an hour starts on the hour, a day at midnight UTC. */
public enum BudgetPeriod {
    HOUR("hourly", Duration.ofHours(1)),
    DAY("daily", Duration.ofDays(1));

    private final String adjective;
    private final long lengthMillis;

    BudgetPeriod(String adjective, Duration length) {
        this.adjective = adjective;
        this.lengthMillis = length.toMillis();
    }

    public long startOf(long eventTimeMillis) {
        return Math.floorDiv(eventTimeMillis, lengthMillis) * lengthMillis;
    }

    public long lengthMillis() {
        return lengthMillis;
    }

    /** "hourly" or "daily", as summaries say it. */
    public String adjective() {
        return adjective;
    }
}
