package io.llmwatch.schemas.serde;

import io.llmwatch.schemas.feedback.FeedbackEvent;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSerdeTest {

    private final SchemaCatalog catalog = SchemaCatalog.withBundledSchemas();
    private final AvroSerde<FeedbackEvent> serde = new AvroSerde<>(FeedbackEvent.class, FeedbackEvent.getClassSchema(), catalog);

    private static FeedbackEvent feedback() {
        return FeedbackEvent.newBuilder()
                .setFeedbackId("f-1")
                .setTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .setName("thumbs")
                .setValue(1.0)
                .setTimestampMillis(1_764_000_000_000L)
                .build();
    }

    @Test
    void roundTripsARecord() {
        FeedbackEvent original = feedback();

        assertThat(serde.decode(serde.encode(original))).isEqualTo(original);
    }

    @Test
    void writesAvroSingleObjectEncoding() {
        byte[] bytes = serde.encode(feedback());

        assertThat(Arrays.copyOfRange(bytes, 0, 2)).containsExactly(0xC3, 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaCatalog.fingerprint(FeedbackEvent.getClassSchema()));
    }

    /**
     * Other languages' Avro libraries read these bytes, so they must be exactly Avro's own single-object
     * encoding: checked for a small value, one larger than any buffer involved, and a small one again on the
     * same thread after the large one.
     */
    @Test
    void writesExactlyWhatAvrosOwnEncoderWrites() throws IOException {
        BinaryMessageEncoder<FeedbackEvent> avros = new BinaryMessageEncoder<>(
                org.apache.avro.specific.SpecificData.get(), FeedbackEvent.getClassSchema());
        FeedbackEvent large = FeedbackEvent.newBuilder(feedback()).setComment("é…".repeat(70_000)).setUser("u-1").build();

        for (FeedbackEvent value : new FeedbackEvent[] {feedback(), large, feedback()}) {
            assertThat(serde.encode(value)).isEqualTo(avros.encode(value).array());
        }
    }

    @Test
    void rejectsBytesThatAreNotAvroWithAClearReason() {
        assertThatThrownBy(() -> serde.decode("{\"json\":true}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Not an Avro single-object encoded FeedbackEvent");
    }

    @Test
    void rejectsAnUnknownFingerprintWithAClearReason() {
        byte[] bytes = serde.encode(feedback());
        bytes[5] ^= 0x5A;

        assertThatThrownBy(() -> serde.decode(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema fingerprint");
    }

    @Test
    void rejectsATruncatedBody() {
        byte[] bytes = serde.encode(feedback());

        assertThatThrownBy(() -> serde.decode(Arrays.copyOf(bytes, 14)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Corrupt FeedbackEvent");
    }

    @Test
    void decodesANewerWriterSchemaOnceTheCatalogKnowsIt() throws IOException {
        Schema newer = newerFeedbackSchema();
        GenericRecord record = new GenericData.Record(newer);
        feedback().getSchema().getFields().forEach(field -> record.put(field.name(), feedback().get(field.name())));
        record.put("locale", "de-CH");
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), newer).encode(record).array();

        assertThatThrownBy(() -> serde.decode(bytes)).hasMessageContaining("Unknown schema fingerprint");
        catalog.register(newer);

        assertThat(serde.decode(bytes)).isEqualTo(feedback());
    }

    /** The bundled feedback schema plus a field with a default: a legal evolution. */
    static Schema newerFeedbackSchema() {
        String current = FeedbackEvent.getClassSchema().toString();
        int endOfFields = current.lastIndexOf(']');
        return new Schema.Parser().parse(current.substring(0, endOfFields)
                + ",{\"name\":\"locale\",\"type\":\"string\",\"default\":\"en\"}" + current.substring(endOfFields));
    }
}
