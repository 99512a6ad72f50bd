package io.llmwatch.launcher.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * CPU time used by this whole JVM (every thread: the clients, the embedded broker, the JIT, the GC). When a
 * benchmark saturates the machine's cores, two paths' rates compare as the inverse of their CPU per event, so
 * reporting it says how much of a gap is work rather than waiting.
 */
final class ProcessCpu {

    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {
    }

    /** Nanoseconds of CPU used so far, or -1 where the JVM does not say. */
    static long nanos() {
        return OS instanceof com.sun.management.OperatingSystemMXBean hotSpot ? hotSpot.getProcessCpuTime() : -1;
    }

    /** CPU per event between two {@link #nanos()} readings, or -1 when either is unknown. */
    static long perEvent(long startNanos, long endNanos, long events) {
        return startNanos < 0 || endNanos < 0 || events <= 0 ? -1 : (endNanos - startNanos) / events;
    }
}
