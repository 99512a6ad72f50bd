package io.llmwatch.launcher.simulator;

import java.util.HexFormat;
import java.util.Random;

/**
 * W3C trace and span ids drawn from the simulation's seeded random, so a seed reproduces the same
 * traces (the agent would otherwise generate fresh random ids).
 */
final class SimulatedIds {

    private static final HexFormat HEX = HexFormat.of();

    private final Random random;

    SimulatedIds(Random random) {
        this.random = random;
    }

    String traceId() {
        return HEX.toHexDigits(nonZero()) + HEX.toHexDigits(random.nextLong());
    }

    String spanId() {
        return HEX.toHexDigits(nonZero());
    }

    /** All-zero ids are invalid in W3C Trace Context. */
    private long nonZero() {
        long value = random.nextLong();
        return value == 0 ? 1 : value;
    }
}
