package io.llmwatch.schemas.serde;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.budget.BudgetEntry;
import io.llmwatch.schemas.feedback.FeedbackEvent;
import io.llmwatch.schemas.price.PriceEntry;
import io.llmwatch.schemas.span.SpanEvent;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every writer schema this process can decode, by its Avro single-object fingerprint
 * (CRC-64-AVRO of the parsing canonical form). It starts with the schemas bundled in this jar
 * and grows with those that other producers publish to {@code llmwatch.schemas.v1}, so a newer
 * agent's events decode in an older processor as long as the change follows Avro's evolution rules.
 */
public final class SchemaCatalog implements SchemaStore {

    /** The schemas compiled into this jar: the current version of every event type. */
    public static final List<Schema> BUNDLED_SCHEMAS = List.of(
            SpanEvent.getClassSchema(),
            AlertEvent.getClassSchema(),
            FeedbackEvent.getClassSchema(),
            PriceEntry.getClassSchema(),
            BudgetEntry.getClassSchema());

    private static final SchemaCatalog SHARED = withBundledSchemas();

    private final Map<Long, Schema> schemasByFingerprint = new ConcurrentHashMap<>();

    /** A catalog holding only the bundled schemas; tests use it to stay independent of one another. */
    public static SchemaCatalog withBundledSchemas() {
        SchemaCatalog catalog = new SchemaCatalog();
        BUNDLED_SCHEMAS.forEach(catalog::register);
        return catalog;
    }

    /** The process-wide catalog that serdes use unless given another, fed by the schema topic. */
    public static SchemaCatalog shared() {
        return SHARED;
    }

    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** Adds a writer schema; returns its fingerprint. Registering the same schema twice is harmless. */
    public long register(Schema schema) {
        long fingerprint = fingerprint(schema);
        schemasByFingerprint.putIfAbsent(fingerprint, schema);
        return fingerprint;
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        return schemasByFingerprint.get(fingerprint);
    }

    public Map<Long, Schema> snapshot() {
        return Map.copyOf(schemasByFingerprint);
    }
}
