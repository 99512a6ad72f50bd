package io.llmwatch.processor.cost;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * A dimension cost is attributed to. Aggregates of every dimension share one store, keyed
 * {@code dimension|value}, so one repartition serves them all and a dimension is a key prefix.
 */
public enum Dimension {
    MODEL("model", CostSample::model),
    FEATURE("feature", CostSample::feature),
    USER("user", CostSample::user),
    TENANT("tenant", CostSample::tenant);

    /** Stands in for an attribute the caller did not set, so such calls are still counted. */
    public static final String UNSET = "(unset)";
    private static final char SEPARATOR = '|';

    private final String label;
    private final Function<CostSample, String> value;

    Dimension(String label, Function<CostSample, String> value) {
        this.label = label;
        this.value = value;
    }

    public String label() {
        return label;
    }

    public String keyOf(CostSample sample) {
        String v = value.apply(sample);
        return key(v == null || v.isBlank() ? UNSET : v);
    }

    public String key(String value) {
        return label + SEPARATOR + value;
    }

    /** The smallest key of this dimension; every key of it sorts at or after this one. */
    public String firstKey() {
        return label + SEPARATOR;
    }

    /** A key that sorts after every key of this dimension ('}' follows '|' in byte order). */
    public String afterLastKey() {
        return label + (char) (SEPARATOR + 1);
    }

    /** The dimension value of a key of this dimension. */
    public String valueOfKey(String key) {
        return key.substring(label.length() + 1);
    }

    public static Optional<Dimension> fromLabel(String label) {
        return Arrays.stream(values()).filter(d -> d.label.equals(label)).findFirst();
    }
}
