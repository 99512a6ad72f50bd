package io.llmwatch.agent;

import io.llmwatch.agent.export.AgentCounters;
import io.llmwatch.agent.export.DropReason;
import io.llmwatch.agent.export.ExportPipeline;
import io.llmwatch.agent.export.OutboundRecord;
import io.llmwatch.agent.jmx.JmxRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The llmwatch client an application embeds: it records LLM calls, agent traces and feedback and ships
 * them to Kafka. One per application is enough; it is thread-safe.
 *
 * <p>Recording never blocks and never throws: the calling thread validates the event, puts it on a
 * bounded queue and returns; a daemon worker encodes and sends it. When the queue is full, the client
 * is closed or an event is invalid, the event is dropped and counted in {@link #counters()}, with one
 * summary warning per interval in the log.
 *
 * <pre>{@code
 * try (LlmWatch watch = LlmWatch.builder().bootstrapServers("kafka:9092").serviceName("helpdesk").build()) {
 *     LlmCall call = LlmCall.builder().provider("openai").requestModel("gpt-4o-mini")
 *             .usage(TokenUsage.of(1200, 300)).duration(Duration.ofMillis(850))
 *             .attribution(Attribution.builder().tenant("acme").feature("support-chat").build())
 *             .build();
 *     watch.record(call);
 *     watch.feedback(call.traceId(), "thumbs", 1.0, null);
 * }
 * }</pre>
 */
public final class LlmWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LlmWatch.class);

    private final ExportPipeline pipeline;
    private final SpanEventMapper mapper;
    private final Attribution defaultAttribution;
    private final Duration closeTimeout;
    private final Thread shutdownHook;
    private final JmxRegistration jmx;

    LlmWatch(ExportPipeline pipeline, SpanEventMapper mapper, Attribution defaultAttribution, Duration closeTimeout,
             boolean registerShutdownHook, JmxRegistration jmx) {
        this.pipeline = pipeline;
        this.jmx = jmx;
        this.mapper = mapper;
        this.defaultAttribution = defaultAttribution;
        this.closeTimeout = closeTimeout;
        this.shutdownHook = registerShutdownHook ? new Thread(() -> pipeline.close(closeTimeout), "llmwatch-shutdown") : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    public static LlmWatchBuilder builder() {
        return new LlmWatchBuilder();
    }

    /** A client configured by the {@code LLMWATCH_*} environment variables; see {@link LlmWatchBuilder#applyEnvironment}. */
    public static LlmWatch fromEnvironment() {
        return builder().applyEnvironment(System.getenv()).build();
    }

    /**
     * A client configured by a properties file; see {@link LlmWatchBuilder#applyProperties}.
     *
     * @throws UncheckedIOException if the file cannot be read
     */
    public static LlmWatch fromProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read llmwatch settings from " + file, e);
        }
        return builder().applyProperties(properties).build();
    }

    /**
     * Records a finished call.
     *
     * @return whether it was accepted for export; if not, {@link #counters()} says why
     */
    public boolean record(LlmCall call) {
        return submit(() -> TelemetryValidator.problemWith(call), () -> new OutboundSpan(call, mapper));
    }

    /** Starts the root span of a new trace, e.g. an {@link Operation#INVOKE_AGENT} for an agent workflow. */
    public TraceSpan startSpan(Operation operation, String name) {
        return startSpan(operation, name, Attribution.EMPTY);
    }

    /** Starts the root span of a new trace; its children inherit {@code attribution}. */
    public TraceSpan startSpan(Operation operation, String name, Attribution attribution) {
        return new TraceSpan(this, operation, name, TraceIds.newTraceId(), null, attribution);
    }

    /**
     * Sends a score for a trace, e.g. a user's thumbs up minutes after the answer.
     *
     * @param traceId the trace scored, e.g. {@link LlmCall#traceId()} or {@link TraceSpan#traceId()}
     * @param name    e.g. {@code thumbs}, {@code helpfulness}
     * @param score   normalised to [0, 1] where possible; higher is better
     * @param comment free text, or null
     * @return whether it was accepted for export
     */
    public boolean feedback(String traceId, String name, double score, String comment) {
        return submit(() -> TelemetryValidator.problemWithFeedback(traceId, name, score),
                () -> new OutboundFeedback(traceId, name, score, comment, defaultAttribution, Instant.now()));
    }

    /** What happened to the events recorded so far. */
    public AgentCounters counters() {
        return pipeline.counters();
    }

    /**
     * Waits until everything recorded before this call has been acknowledged by the broker or has failed,
     * including events waiting in the spool.
     *
     * @return false if that took longer than {@code timeout}, e.g. because the broker is unreachable
     */
    public boolean flush(Duration timeout) {
        return pipeline.flush(timeout);
    }

    /**
     * Stops recording (later events are dropped as {@code closed}), sends what is queued and releases the
     * producer, within {@code timeout}; with a spool, what could not be sent in time is spooled for the next
     * run. Also removes the shutdown hook, which then has nothing left to do, and the JMX counters.
     *
     * @return false if sending did not finish within {@code timeout}
     */
    public boolean close(Duration timeout) {
        removeShutdownHook();
        jmx.close();
        return pipeline.close(timeout);
    }

    /** {@link #close(Duration)} with the configured close timeout. */
    @Override
    public void close() {
        if (!close(closeTimeout)) {
            LOG.warn("llmwatch did not finish sending within {}; counters at close: {}", closeTimeout, counters());
        }
    }

    /**
     * The one path every event takes: validate, then offer. Anything unexpected is counted as an
     * internal error instead of escaping into the application. Errors (out of memory and the like) do
     * propagate: they are the JVM's to handle, not a telemetry library's to hide.
     */
    private boolean submit(Supplier<Optional<String>> validation, Supplier<? extends OutboundRecord<?>> event) {
        try {
            Optional<String> problem = validation.get();
            if (problem.isPresent()) {
                pipeline.reject(DropReason.INVALID, problem.get());
                return false;
            }
            return pipeline.offer(event.get());
        } catch (RuntimeException e) {
            pipeline.reject(DropReason.INTERNAL_ERROR, e.toString());
            return false;
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook closes the pipeline too, and a second close only waits.
        }
    }
}
