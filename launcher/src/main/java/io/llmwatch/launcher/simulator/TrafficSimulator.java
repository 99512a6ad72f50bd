package io.llmwatch.launcher.simulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a {@link TrafficGenerator} in real time on its own daemon thread: every tick it delivers the
 * requests that arrived since the previous one, their ends spread evenly over the interval, so event
 * time is now. Typically delivered {@linkplain TrafficSink#into into the agent}:
 *
 * <pre>{@code
 * try (LlmWatch watch = LlmWatch.builder().bootstrapServers(servers).serviceName("helpdesk").source("simulator").build();
 *      TrafficSimulator simulator = TrafficSimulator.start(SimulatorConfig.defaults(), TrafficSink.into(watch))) {
 *     simulator.incidentStarted().thenAccept(at -> System.out.println("Incident at " + at + ": " + simulator.incidentDescription()));
 *     ...
 * }
 * }</pre>
 */
public final class TrafficSimulator implements AutoCloseable {

    /** How often the simulator wakes up to deliver what arrived meanwhile. */
    public static final Duration TICK = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(TrafficSimulator.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final TrafficGenerator generator;
    private final TrafficSink sink;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<Instant> incidentStarted = new CompletableFuture<>();
    private final CompletableFuture<Instant> degradationStarted = new CompletableFuture<>();
    private final AtomicLong delivered = new AtomicLong();
    /** Touched by the scheduler thread only. */
    private Instant previousTick;

    private TrafficSimulator(TrafficGenerator generator, TrafficSink sink, Clock clock, Instant start) {
        this.generator = generator;
        this.sink = sink;
        this.clock = clock;
        this.previousTick = start;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "llmwatch-simulator");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts simulating now, on the system clock. */
    public static TrafficSimulator start(SimulatorConfig config, TrafficSink sink) {
        return start(config, sink, Clock.systemUTC());
    }

    /** Starts simulating now on {@code clock}; the traffic is drawn from a {@code Random} seeded with the config's seed. */
    public static TrafficSimulator start(SimulatorConfig config, TrafficSink sink, Clock clock) {
        Instant start = clock.instant();
        TrafficSimulator simulator = new TrafficSimulator(new TrafficGenerator(config, new Random(config.seed()), start),
                sink, clock, start);
        simulator.scheduler.scheduleAtFixedRate(simulator::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        return simulator;
    }

    /** Completes, with the incident's start, on the first tick at or after it. */
    public CompletionStage<Instant> incidentStarted() {
        return incidentStarted.copy();
    }

    /** Completes, with its start, on the first tick at or after the model degradation, the second incident. */
    public CompletionStage<Instant> degradationStarted() {
        return degradationStarted.copy();
    }

    /** What the second incident does, for a console. */
    public String degradationDescription() {
        return generator.degradationDescription();
    }

    public Instant incidentStartsAt() {
        return generator.incidentStartsAt();
    }

    /** What the incident does, for a console. */
    public String incidentDescription() {
        return generator.incidentDescription();
    }

    /** Requests delivered so far (an agent workflow counts once). */
    public long requestsDelivered() {
        return delivered.get();
    }

    private void tick() {
        // An exception escaping a periodic task would silently cancel every later tick.
        try {
            Instant intervalStart = previousTick;
            Instant now = clock.instant();
            previousTick = now;
            Duration elapsed = Duration.between(intervalStart, now);
            if (!now.isBefore(generator.incidentStartsAt())) {
                incidentStarted.complete(generator.incidentStartsAt());
            }
            if (!now.isBefore(generator.degradationStartsAt())) {
                degradationStarted.complete(generator.degradationStartsAt());
            }
            int arrivals = generator.arrivalsDuring(elapsed);
            for (int i = 1; i <= arrivals; i++) {
                sink.deliver(generator.next(intervalStart.plus(elapsed.multipliedBy(i).dividedBy(arrivals))));
                delivered.incrementAndGet();
            }
        } catch (RuntimeException e) {
            LOG.warn("Simulated traffic tick failed; the next tick carries on", e);
        }
    }

    /** Stops delivering; a request being delivered is finished first. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
