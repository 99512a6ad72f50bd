package io.llmwatch.processor.api;

import io.llmwatch.processor.topology.WindowSpec;

import java.time.Clock;
import java.time.Instant;

/**
 * The range of windows a windowed query covers, from {@code from} and {@code to}: windows whose start
 * lies in [from, to]. Without {@code to} it ends now; without {@code from} it starts 60 windows before
 * {@code to}.
 */
record WindowRange(Instant from, Instant to) {

    private static final int DEFAULT_WINDOWS_BACK = 60;

    WindowRange {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }

    static WindowRange of(ApiRequest request, WindowSpec window, Clock clock) {
        Instant to = request.instant("to", clock.instant());
        return new WindowRange(request.instant("from", to.minus(window.size().multipliedBy(DEFAULT_WINDOWS_BACK))), to);
    }
}
