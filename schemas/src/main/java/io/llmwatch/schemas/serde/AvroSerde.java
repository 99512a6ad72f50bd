package io.llmwatch.schemas.serde;

import io.llmwatch.schemas.limits.AvroDecodeLimits;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Avro single-object encoding ({@code C3 01}, 8-byte schema fingerprint, binary body) for one
 * generated record type. Decoding resolves the writer schema by fingerprint in a
 * {@link SchemaCatalog} and projects it onto this build's reader schema.
 *
 * <p>Every decoding failure (not Avro at all, an unknown fingerprint, a truncated body) becomes a
 * {@link SerializationException} whose message says which, so Kafka's deserialization handlers can
 * dead-letter the record with a useful reason instead of killing a thread.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    static {
        AvroDecodeLimits.install();
    }

    private final Class<T> type;
    private final SingleObjectWriter<T> writer;
    private final BinaryMessageDecoder<T> decoder;
    private final Function<T, Optional<String>> check;
    /** Built once: the agent's worker and every stream thread ask for them per record. */
    private final Serializer<T> serializer = (topic, value) -> value == null ? null : encode(value);
    private final Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : decode(bytes);

    public AvroSerde(Class<T> type, Schema schema, SchemaCatalog catalog) {
        this(type, schema, catalog, value -> Optional.empty());
    }

    private AvroSerde(Class<T> type, Schema schema, SchemaCatalog catalog, Function<T, Optional<String>> check) {
        this.check = Objects.requireNonNull(check, "check");
        this.type = Objects.requireNonNull(type, "type");
        SpecificData model = SpecificData.getForClass(type);
        // The generated classes carry hand-unrolled coders; Avro uses them only when asked, and they encode
        // and decode a span more than twice as fast as the reflective datum writer, on the agent's worker too.
        model.setCustomCoders(true);
        this.writer = new SingleObjectWriter<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, catalog);
    }

    /** A serde for a generated class, resolving writer schemas through the shared catalog. */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type, SpecificData.get().getSchema(type), SchemaCatalog.shared());
    }

    /**
     * Like {@link #of(Class)}, but a decoded value that {@code check} finds a reason to refuse fails to
     * decode with that reason, so it is dead-lettered like any undecodable record.
     */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type, Function<T, Optional<String>> check) {
        return new AvroSerde<>(type, SpecificData.get().getSchema(type), SchemaCatalog.shared(), check);
    }

    public byte[] encode(T value) {
        try {
            return writer.write(value);
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException("Cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public T decode(byte[] bytes) {
        T value = decodeUnchecked(bytes);
        Optional<String> violation = check.apply(value);
        if (violation.isPresent()) {
            throw new SerializationException("Invalid " + type.getSimpleName() + ": " + violation.get());
        }
        return value;
    }

    private T decodeUnchecked(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (BadHeaderException e) {
            throw new SerializationException("Not an Avro single-object encoded " + type.getSimpleName()
                    + " (bad header): " + e.getMessage(), e);
        } catch (MissingSchemaException e) {
            throw new SerializationException("Unknown schema fingerprint for " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Corrupt " + type.getSimpleName() + " body: " + e, e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
