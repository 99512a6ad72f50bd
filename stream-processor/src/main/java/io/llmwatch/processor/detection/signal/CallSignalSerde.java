package io.llmwatch.processor.detection.signal;

import io.llmwatch.processor.cost.CostSample;
import io.llmwatch.schemas.io.UnsynchronizedByteArrayInputStream;
import io.llmwatch.schemas.io.UnsynchronizedByteArrayOutputStream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact binary form of {@link CallSignal}: every call crosses the detection repartition topic about nine
 * times (in {@link SignalBatch}es) and is remembered for feedback, so the JSON the other internal records use would
 * cost more than the detectors themselves. Starts with a format version; money is the exact unscaled value and
 * scale of its decimal.
 */
public final class CallSignalSerde implements Serde<CallSignal> {

    private static final byte FORMAT = 1;

    @Override
    public Serializer<CallSignal> serializer() {
        return (topic, signal) -> signal == null ? null : write(signal);
    }

    @Override
    public Deserializer<CallSignal> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(CallSignal signal) {
        UnsynchronizedByteArrayOutputStream bytes = new UnsynchronizedByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writeTo(out, signal, StringCodec.PLAIN);
        } catch (IOException e) {
            throw new SerializationException("Cannot write a call signal", e);
        }
        return bytes.toByteArray();
    }

    static CallSignal read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new UnsynchronizedByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new SerializationException("Unknown call signal format " + format);
            }
            return readFrom(in, StringCodec.PLAIN);
        } catch (IOException e) {
            throw new SerializationException("Cannot read a call signal", e);
        }
    }

    /** One signal's fields, without the format byte: {@link SignalBatchSerde} writes many behind one. */
    static void writeTo(DataOutputStream out, CallSignal signal, StringCodec strings) throws IOException {
        CostSample sample = signal.sample();
        strings.write(out, sample.traceId());
        out.writeLong(sample.eventTimeMillis());
        strings.write(out, sample.tenant());
        strings.write(out, sample.user());
        strings.write(out, sample.feature());
        strings.write(out, sample.environment());
        strings.write(out, sample.prompt());
        strings.write(out, sample.provider());
        strings.write(out, sample.model());
        writeDecimal(out, sample.costUsd());
        out.writeLong(sample.inputTokens());
        out.writeLong(sample.outputTokens());
        out.writeLong(sample.cacheReadTokens());
        out.writeLong(sample.latencyMillis());
        out.writeBoolean(sample.error());
        strings.write(out, signal.promptName());
        out.writeBoolean(signal.promptVersion() != null);
        if (signal.promptVersion() != null) {
            out.writeInt(signal.promptVersion());
        }
        strings.write(out, signal.promptSha256());
        out.writeBoolean(signal.timeToFirstTokenMillis() != null);
        if (signal.timeToFirstTokenMillis() != null) {
            out.writeLong(signal.timeToFirstTokenMillis());
        }
        out.writeInt(signal.scores().size());
        for (NamedScore score : signal.scores()) {
            out.writeUTF(score.name());
            out.writeDouble(score.value());
        }
        out.writeBoolean(signal.feedback());
    }

    static CallSignal readFrom(DataInputStream in, StringCodec strings) throws IOException {
        CostSample sample = new CostSample(strings.read(in), in.readLong(), strings.read(in), strings.read(in),
                strings.read(in), strings.read(in), strings.read(in), strings.read(in), strings.read(in), readDecimal(in),
                in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readBoolean());
        String promptName = strings.read(in);
        Integer promptVersion = in.readBoolean() ? in.readInt() : null;
        String promptSha256 = strings.read(in);
        Long timeToFirstToken = in.readBoolean() ? in.readLong() : null;
        int scoreCount = in.readInt();
        List<NamedScore> scores = new ArrayList<>(scoreCount);
        for (int i = 0; i < scoreCount; i++) {
            scores.add(new NamedScore(in.readUTF(), in.readDouble()));
        }
        return new CallSignal(sample, promptName, promptVersion, promptSha256, timeToFirstToken, scores,
                in.readBoolean());
    }

    private static void writeDecimal(DataOutputStream out, BigDecimal value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            byte[] unscaled = value.unscaledValue().toByteArray();
            out.writeInt(value.scale());
            out.writeShort(unscaled.length);
            out.write(unscaled);
        }
    }

    private static BigDecimal readDecimal(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int scale = in.readInt();
        byte[] unscaled = new byte[in.readShort()];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }
}
