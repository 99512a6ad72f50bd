package io.llmwatch.processor.detection.signal;

import io.llmwatch.schemas.io.UnsynchronizedByteArrayInputStream;
import io.llmwatch.schemas.io.UnsynchronizedByteArrayOutputStream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SignalBatch} as a format byte, its newest timestamp, a count, and each signal in {@link CallSignalCodec}'s
 * binary form with each distinct string written once ({@link RepeatedStrings}).
 */
public final class SignalBatchSerde implements Serde<SignalBatch> {

    private static final byte FORMAT = 1;
    private static final int BYTES_PER_SIGNAL = 160;

    @Override
    public Serializer<SignalBatch> serializer() {
        return (topic, batch) -> batch == null ? null : write(batch);
    }

    @Override
    public Deserializer<SignalBatch> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(SignalBatch batch) {
        List<CallSignal> signals = batch.signals();
        UnsynchronizedByteArrayOutputStream bytes = new UnsynchronizedByteArrayOutputStream(8 + BYTES_PER_SIGNAL * signals.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(batch.newestTimestamp());
            out.writeInt(signals.size());
            RepeatedStrings strings = new RepeatedStrings();
            for (CallSignal signal : signals) {
                CallSignalCodec.writeTo(out, signal, strings);
            }
        } catch (IOException e) {
            throw new SerializationException("Cannot write a signal batch", e);
        }
        return bytes.toByteArray();
    }

    static SignalBatch read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new UnsynchronizedByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new SerializationException("Unknown signal batch format " + format);
            }
            long newestTimestamp = in.readLong();
            int count = in.readInt();
            if (count < 0) {
                throw new SerializationException("Negative signal count " + count);
            }
            List<CallSignal> signals = new ArrayList<>(Math.min(count, 1 << 16));
            RepeatedStrings strings = new RepeatedStrings();
            for (int i = 0; i < count; i++) {
                signals.add(CallSignalCodec.readFrom(in, strings));
            }
            return new SignalBatch(signals, newestTimestamp);
        } catch (IOException e) {
            throw new SerializationException("Cannot read a signal batch", e);
        }
    }
}
