package io.llmwatch.processor.batching;

import io.llmwatch.schemas.io.UnsynchronizedByteArrayInputStream;
import io.llmwatch.schemas.io.UnsynchronizedByteArrayOutputStream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * A {@link Batch} as a format byte, a count, and each value with its timestamp, values in their {@link ElementCodec}'s
 * form with each distinct string of the batch written once ({@link RepeatedStrings}).
 */
public final class BatchSerde<V> implements Serde<Batch<V>> {

    private static final byte FORMAT = 1;
    private static final int TYPICAL_BYTES_PER_VALUE = 64;

    private final String typeName;
    private final ElementCodec<V> codec;

    public BatchSerde(String typeName, ElementCodec<V> codec) {
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public Serializer<Batch<V>> serializer() {
        return (topic, batch) -> batch == null ? null : write(batch);
    }

    @Override
    public Deserializer<Batch<V>> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    byte[] write(Batch<V> batch) {
        UnsynchronizedByteArrayOutputStream bytes =
                new UnsynchronizedByteArrayOutputStream(8 + TYPICAL_BYTES_PER_VALUE * batch.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(batch.size());
            RepeatedStrings strings = new RepeatedStrings();
            for (int i = 0; i < batch.size(); i++) {
                out.writeLong(batch.timestampAt(i));
                codec.write(out, batch.values().get(i), strings);
            }
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot write a batch of " + typeName, e);
        }
        return bytes.toByteArray();
    }

    Batch<V> read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new UnsynchronizedByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new SerializationException("Unknown batch format " + format + " for " + typeName);
            }
            int count = in.readInt();
            if (count < 0) {
                throw new SerializationException("Negative count " + count + " in a batch of " + typeName);
            }
            Batch<V> batch = new Batch<>();
            RepeatedStrings strings = new RepeatedStrings();
            for (int i = 0; i < count; i++) {
                long timestamp = in.readLong();
                batch.add(codec.read(in, strings), timestamp);
            }
            return batch;
        } catch (IOException | RuntimeException e) {
            throw e instanceof SerializationException known ? known
                    : new SerializationException("Cannot read a batch of " + typeName + " (" + bytes.length + " bytes)", e);
        }
    }
}
