package io.llmwatch.schemas.topic;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.budget.BudgetEntry;
import io.llmwatch.schemas.feedback.FeedbackEvent;
import io.llmwatch.schemas.price.PriceEntry;
import io.llmwatch.schemas.limits.SpanCheck;
import io.llmwatch.schemas.limits.SpanLimits;
import io.llmwatch.schemas.serde.AvroSerde;
import io.llmwatch.schemas.span.SpanEvent;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Every topic llmwatch reads or writes. The {@code .v1} suffix versions the contract, not the schema. */
public final class Topics {

    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");
    private static final Map<String, String> SEVEN_DAYS = Map.of(
            "cleanup.policy", "delete", "retention.ms", Long.toString(Duration.ofDays(7).toMillis()));
    private static final Map<String, String> THIRTY_DAYS = Map.of(
            "cleanup.policy", "delete", "retention.ms", Long.toString(Duration.ofDays(30).toMillis()));

    /**
     * Span events keyed by trace id, so one trace's spans share a partition. A span beyond {@link SpanLimits}
     * fails to decode with the reason, so consumers dead-letter it.
     */
    public static final Topic<String, SpanEvent> SPANS =
            new Topic<>("llmwatch.spans.v1", Serdes.String(),
                    AvroSerde.of(SpanEvent.class, new SpanCheck(SpanLimits.from(System.getProperties()), Clock.systemUTC())::violation),
                    SEVEN_DAYS);

    /** Feedback and evaluator scores keyed by trace id (co-partitioned with spans). */
    public static final Topic<String, FeedbackEvent> FEEDBACK =
            new Topic<>("llmwatch.feedback.v1", Serdes.String(), AvroSerde.of(FeedbackEvent.class), SEVEN_DAYS);

    /** Alert transitions keyed by dedup key, so one incident's FIRING and RESOLVED stay ordered. */
    public static final Topic<String, AlertEvent> ALERTS =
            new Topic<>("llmwatch.alerts.v1", Serdes.String(), AvroSerde.of(AlertEvent.class), THIRTY_DAYS);

    /** Operator price overrides keyed by {@code provider/model@effectiveFromMillis}; a null value deletes. */
    public static final Topic<String, PriceEntry> PRICES =
            new Topic<>("llmwatch.prices.v1", Serdes.String(), AvroSerde.of(PriceEntry.class), COMPACTED);

    /** Spending caps keyed by budget key ({@code dimension|value}); a null value removes the budget. */
    public static final Topic<String, BudgetEntry> BUDGETS =
            new Topic<>("llmwatch.budgets.v1", Serdes.String(), AvroSerde.of(BudgetEntry.class), COMPACTED);

    /** Writer schemas keyed by their fingerprint in hex; the value is the schema's JSON. */
    public static final Topic<String, String> SCHEMAS =
            new Topic<>("llmwatch.schemas.v1", Serdes.String(), Serdes.String(), COMPACTED);

    /** Records no stage could decode or process, as they arrived, with the reason in headers. */
    public static final Topic<byte[], byte[]> DLQ =
            new Topic<>("llmwatch.dlq.v1", Serdes.ByteArray(), Serdes.ByteArray(), THIRTY_DAYS);

    /** Alerts a destination refused permanently, with the destination and reason in headers. */
    public static final Topic<byte[], byte[]> ALERTS_DLQ =
            new Topic<>("llmwatch.alerts.dlq.v1", Serdes.ByteArray(), Serdes.ByteArray(), THIRTY_DAYS);

    /**
     * Contributions to cost aggregates that were read after their partition's stream time passed their window's
     * end and grace, keyed by {@code dimension|value}, with the window sizes that refused them in the
     * {@code llmwatch.late.windows} header: nothing late is lost silently, it can be re-counted from here.
     */
    public static final Topic<String, byte[]> LATE =
            new Topic<>("llmwatch.late.v1", Serdes.String(), Serdes.ByteArray(), THIRTY_DAYS);

    public static final List<Topic<?, ?>> ALL = List.of(SPANS, FEEDBACK, ALERTS, PRICES, BUDGETS, SCHEMAS, DLQ, ALERTS_DLQ, LATE);

    private Topics() {
    }
}
