package io.llmwatch.processor.serde;

import io.llmwatch.processor.batching.BatchSerde;
import io.llmwatch.processor.batching.ElementCodec;
import io.llmwatch.processor.batching.RepeatedStrings;
import io.llmwatch.processor.cost.CostAggregate;
import io.llmwatch.processor.prompt.PromptCall;
import io.llmwatch.processor.prompt.PromptFeedback;
import io.llmwatch.processor.prompt.PromptObservation;
import io.llmwatch.processor.prompt.PromptVersionStats;
import io.llmwatch.processor.prompt.QualityTally;
import io.llmwatch.processor.stats.LatencySketch;
import io.llmwatch.processor.trace.CollectedTrace;
import io.llmwatch.processor.trace.SpanKind;
import io.llmwatch.processor.trace.TraceSpan;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.llmwatch.processor.serde.Fields.readDecimal;
import static io.llmwatch.processor.serde.Fields.readString;
import static io.llmwatch.processor.serde.Fields.readVarLong;
import static io.llmwatch.processor.serde.Fields.writeDecimal;
import static io.llmwatch.processor.serde.Fields.writeString;
import static io.llmwatch.processor.serde.Fields.writeVarLong;

/**
 * The binary serdes of the records written for every span or update: cost aggregates, traces, prompt
 * observations and prompt version statistics.
 */
public final class InternalSerdes {

    public static final BinarySerde<CostAggregate> COST_AGGREGATE =
            new BinarySerde<>("CostAggregate", InternalSerdes::writeAggregate, InternalSerdes::readAggregate);

    public static final BinarySerde<CollectedTrace> COLLECTED_TRACE =
            new BinarySerde<>("CollectedTrace", InternalSerdes::writeTrace, InternalSerdes::readTrace);

    /** Prompt observations cross their repartition in batches, one per prompt name and flush. */
    public static final BatchSerde<PromptObservation> PROMPT_OBSERVATIONS = new BatchSerde<>("PromptObservation",
            new ElementCodec<>() {
                @Override
                public void write(DataOutputStream out, PromptObservation observation, RepeatedStrings strings)
                        throws IOException {
                    writeObservation(observation, out, strings);
                }

                @Override
                public PromptObservation read(DataInputStream in, RepeatedStrings strings) throws IOException {
                    return readObservation(in, strings);
                }
            });

    public static final BinarySerde<PromptVersionStats> PROMPT_VERSION_STATS =
            new BinarySerde<>("PromptVersionStats", InternalSerdes::writeVersionStats, InternalSerdes::readVersionStats);

    public static final BinarySerde<QualityTally> QUALITY_TALLY = new BinarySerde<>("QualityTally",
            (tally, out) -> {
                writeVarLong(out, tally.scores());
                out.writeDouble(tally.qualitySum());
            },
            in -> new QualityTally(readVarLong(in), in.readDouble()));

    private static final SpanKind[] SPAN_KINDS = SpanKind.values();
    private static final int CALL_TAG = 1;
    private static final int FEEDBACK_TAG = 2;

    private InternalSerdes() {
    }

    private static void writeTrace(CollectedTrace trace, DataOutput out) throws IOException {
        out.writeUTF(trace.traceId());
        writeString(out, trace.user());
        writeVarLong(out, trace.droppedSpans());
        writeVarLong(out, trace.spans().size());
        for (TraceSpan span : trace.spans()) {
            writeString(out, span.spanId());
            writeString(out, span.parentSpanId());
            writeString(out, span.name());
            writeVarLong(out, span.kind().ordinal());
            writeString(out, span.operation());
            writeString(out, span.model());
            writeString(out, span.prompt());
            writeString(out, span.promptName());
            writeVarLong(out, span.startUnixNano());
            writeVarLong(out, span.endUnixNano() - span.startUnixNano());
            writeVarLong(out, span.inputTokens());
            writeVarLong(out, span.outputTokens());
            writeDecimal(out, span.costUsd());
            writeString(out, span.error());
        }
    }

    private static CollectedTrace readTrace(DataInput in) throws IOException {
        String traceId = in.readUTF();
        String user = readString(in);
        int dropped = (int) readVarLong(in);
        int count = (int) readVarLong(in);
        List<TraceSpan> spans = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String spanId = readString(in);
            String parentSpanId = readString(in);
            String name = readString(in);
            SpanKind kind = SPAN_KINDS[(int) readVarLong(in)];
            String operation = readString(in);
            String model = readString(in);
            String prompt = readString(in);
            String promptName = readString(in);
            long start = readVarLong(in);
            long end = start + readVarLong(in);
            spans.add(new TraceSpan(spanId, parentSpanId, name, kind, operation, model, prompt, promptName, start, end,
                    readVarLong(in), readVarLong(in), readDecimal(in), readString(in)));
        }
        return new CollectedTrace(traceId, user, spans, dropped);
    }

    /** A tag byte tells a call from a feedback score. */
    private static void writeObservation(PromptObservation observation, DataOutputStream out, RepeatedStrings strings)
            throws IOException {
        if (observation instanceof PromptCall call) {
            out.writeByte(CALL_TAG);
            writePromptCall(call, out, strings);
        } else {
            PromptFeedback feedback = (PromptFeedback) observation;
            out.writeByte(FEEDBACK_TAG);
            strings.write(out, feedback.name());
            strings.write(out, feedback.version());
            out.writeDouble(feedback.quality());
        }
    }

    private static PromptObservation readObservation(DataInputStream in, RepeatedStrings strings) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case CALL_TAG -> readPromptCall(in, strings);
            case FEEDBACK_TAG -> new PromptFeedback(strings.read(in), strings.read(in), in.readDouble());
            default -> throw new IOException("unknown prompt observation tag " + tag);
        };
    }

    private static void writePromptCall(PromptCall call, DataOutputStream out, RepeatedStrings strings) throws IOException {
        strings.write(out, call.name());
        strings.write(out, call.version());
        writeVarLong(out, call.eventTimeMillis());
        writeVarLong(out, call.latencyMillis());
        writeVarLong(out, call.inputTokens());
        writeVarLong(out, call.outputTokens());
        writeDecimal(out, call.costUsd());
        out.writeBoolean(call.error());
        writeNullableDouble(out, call.quality());
    }

    private static PromptCall readPromptCall(DataInputStream in, RepeatedStrings strings) throws IOException {
        return new PromptCall(strings.read(in), strings.read(in), readVarLong(in), readVarLong(in), readVarLong(in),
                readVarLong(in), readDecimal(in), in.readBoolean(), readNullableDouble(in));
    }

    private static void writeVersionStats(PromptVersionStats stats, DataOutput out) throws IOException {
        out.writeUTF(stats.name());
        out.writeUTF(stats.version());
        writeVarLong(out, stats.calls());
        writeVarLong(out, stats.unpricedCalls());
        writeVarLong(out, stats.errors());
        writeVarLong(out, stats.inputTokens());
        writeVarLong(out, stats.outputTokens());
        writeDecimal(out, stats.costUsd());
        writeSketch(stats.latency(), out);
        writeVarLong(out, stats.scoredCalls());
        writeVarLong(out, stats.feedbackScores());
        out.writeDouble(stats.qualitySum());
        out.writeLong(stats.firstSeenMillis());
        out.writeLong(stats.lastSeenMillis());
    }

    private static PromptVersionStats readVersionStats(DataInput in) throws IOException {
        return new PromptVersionStats(in.readUTF(), in.readUTF(), readVarLong(in), readVarLong(in), readVarLong(in),
                readVarLong(in), readVarLong(in), readDecimal(in), readSketch(in), readVarLong(in), readVarLong(in),
                in.readDouble(), in.readLong(), in.readLong());
    }

    private static void writeNullableDouble(DataOutput out, Double value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    private static Double readNullableDouble(DataInput in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    private static void writeAggregate(CostAggregate aggregate, DataOutput out) throws IOException {
        writeDecimal(out, aggregate.costUsd());
        writeVarLong(out, aggregate.calls());
        writeVarLong(out, aggregate.unpricedCalls());
        writeVarLong(out, aggregate.errors());
        writeVarLong(out, aggregate.inputTokens());
        writeVarLong(out, aggregate.outputTokens());
        writeVarLong(out, aggregate.cacheReadTokens());
        writeSketch(aggregate.latency(), out);
    }

    private static CostAggregate readAggregate(DataInput in) throws IOException {
        return new CostAggregate(readDecimal(in), readVarLong(in), readVarLong(in), readVarLong(in), readVarLong(in),
                readVarLong(in), readVarLong(in), readSketch(in));
    }

    /** Bucket indexes as deltas from the previous one: ascending and dense, so mostly one byte each. */
    public static void writeSketch(LatencySketch sketch, DataOutput out) throws IOException {
        writeVarLong(out, sketch.zeroCount());
        writeVarLong(out, sketch.bucketIndexes().length);
        int previous = 0;
        for (int i = 0; i < sketch.bucketIndexes().length; i++) {
            writeVarLong(out, sketch.bucketIndexes()[i] - previous);
            previous = sketch.bucketIndexes()[i];
            writeVarLong(out, sketch.bucketCounts()[i]);
        }
    }

    public static LatencySketch readSketch(DataInput in) throws IOException {
        long zeroCount = readVarLong(in);
        int buckets = (int) readVarLong(in);
        int[] indexes = new int[buckets];
        long[] counts = new long[buckets];
        int previous = 0;
        for (int i = 0; i < buckets; i++) {
            indexes[i] = previous + (int) readVarLong(in);
            previous = indexes[i];
            counts[i] = readVarLong(in);
        }
        return new LatencySketch(indexes, counts, zeroCount);
    }
}
