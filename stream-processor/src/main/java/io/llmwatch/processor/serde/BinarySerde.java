package io.llmwatch.processor.serde;

import io.llmwatch.schemas.io.UnsynchronizedByteArrayInputStream;
import io.llmwatch.schemas.io.UnsynchronizedByteArrayOutputStream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A compact binary serde for the processor's hot internal records (repartitioned partial aggregates,
 * window aggregates, traces): they are written to a changelog or repartition topic for every update,
 * so their size and encoding cost bound throughput, where JSON spent most of the time in Jackson.
 * The first byte is a format version, so a future layout can still read today's changelogs.
 */
public final class BinarySerde<T> implements Serde<T> {

    /** Writes one value's fields. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(T value, DataOutput out) throws IOException;
    }

    /** Reads the fields {@link Writer} wrote, in the same order. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInput in) throws IOException;
    }

    private static final int FORMAT_VERSION = 1;
    private static final int TYPICAL_SIZE = 128;

    private final String typeName;
    private final Writer<T> writer;
    private final Reader<T> reader;

    public BinarySerde(String typeName, Writer<T> writer, Reader<T> reader) {
        this.typeName = typeName;
        this.writer = writer;
        this.reader = reader;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : write(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    public byte[] write(T value) {
        UnsynchronizedByteArrayOutputStream bytes = new UnsynchronizedByteArrayOutputStream(TYPICAL_SIZE);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            writer.write(value, out);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot write " + typeName, e);
        }
        return bytes.toByteArray();
    }

    public T read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new UnsynchronizedByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != FORMAT_VERSION) {
                throw new SerializationException("Cannot read " + typeName + ": unknown format version " + version);
            }
            return reader.read(in);
        } catch (IOException | RuntimeException e) {
            throw e instanceof SerializationException known ? known
                    : new SerializationException("Cannot read " + typeName + " (" + bytes.length + " bytes)", e);
        }
    }
}
