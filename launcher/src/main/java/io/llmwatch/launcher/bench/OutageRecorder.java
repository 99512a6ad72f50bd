package io.llmwatch.launcher.bench;

import io.llmwatch.agent.LlmCall;
import io.llmwatch.agent.LlmWatch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * An application thread that keeps recording at a steady pace while the broker goes down and comes back,
 * timing every call; the longest call made while the broker was down is what an outage costs the application.
 */
final class OutageRecorder implements Runnable {

    private final LlmWatch watch;
    private final List<LlmCall> calls;
    private final long pauseNanos;
    private final Thread thread = new Thread(this, "llmwatch-bench-recorder");
    private volatile boolean brokerDown;
    private volatile boolean stopped;
    private volatile int recorded;
    private volatile long longestWhileDownNanos;

    OutageRecorder(LlmWatch watch, List<LlmCall> calls, Duration pause) {
        this.watch = watch;
        this.calls = calls;
        this.pauseNanos = pause.toNanos();
    }

    void start() {
        thread.start();
    }

    /** Marks the calls from now on as made during the outage, until {@link #brokerUp()}. */
    void brokerDown() {
        brokerDown = true;
    }

    void brokerUp() {
        brokerDown = false;
    }

    /** Stops recording and returns how many calls were made. */
    int stop() throws InterruptedException {
        stopped = true;
        thread.join();
        return recorded;
    }

    long longestCallWhileDownNanos() {
        return longestWhileDownNanos;
    }

    @Override
    public void run() {
        int next = 0;
        long longest = 0;
        for (; next < calls.size() && !stopped; next++) {
            boolean down = brokerDown;
            long began = System.nanoTime();
            watch.record(calls.get(next));
            long took = System.nanoTime() - began;
            if (down && took > longest) {
                longest = took;
                longestWhileDownNanos = longest;
            }
            LockSupport.parkNanos(pauseNanos);
        }
        recorded = next;
    }
}
