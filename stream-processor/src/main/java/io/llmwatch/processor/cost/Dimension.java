package io.llmwatch.processor.cost;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A dimension cost is attributed to: one attribute, or a pair analysts ask for together
 * ("which model does this feature spend on"). Aggregates of every dimension share one store, keyed
 * {@code dimension|value}, so one repartition serves them all and a dimension is a key prefix.
 * A pair's value joins its parts with {@link #PAIR_SEPARATOR}.
 */
public enum Dimension {
    TENANT("tenant", CostSample::tenant),
    USER("user", CostSample::user),
    FEATURE("feature", CostSample::feature),
    MODEL("model", CostSample::model),
    PROVIDER("provider", CostSample::provider),
    PROMPT("prompt", CostSample::prompt),
    ENVIRONMENT("environment", CostSample::environment),
    FEATURE_MODEL("feature_model", FEATURE, MODEL),
    USER_FEATURE("user_feature", USER, FEATURE);

    /** Joins the parts of a pair's value; a control character, so no attribute value contains it. */
    public static final String PAIR_SEPARATOR = "\u001f";

    /** Stands in for an attribute the caller did not set, so such calls are still counted. */
    public static final String UNSET = "(unset)";
    private static final char SEPARATOR = '|';

    private final String label;
    private final Function<CostSample, String> value;

    Dimension(String label, Function<CostSample, String> value) {
        this.label = label;
        this.value = sample -> orUnset(value.apply(sample));
    }

    Dimension(String label, Dimension first, Dimension second) {
        this.label = label;
        this.value = sample -> first.value.apply(sample) + PAIR_SEPARATOR + second.value.apply(sample);
    }

    private static String orUnset(String value) {
        return value == null || value.isBlank() ? UNSET : value;
    }

    public String label() {
        return label;
    }

    public String keyOf(CostSample sample) {
        return key(value.apply(sample));
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

    /** The attribute values a value of this dimension is made of: one, or two for a pair. */
    public List<String> parts(String value) {
        return List.of(value.split(PAIR_SEPARATOR, -1));
    }

    /** Every label, as the API accepts them in {@code by=}. */
    public static String labels() {
        return Arrays.stream(values()).map(Dimension::label).collect(Collectors.joining(", "));
    }

    public static Optional<Dimension> fromLabel(String label) {
        return Arrays.stream(values()).filter(d -> d.label.equals(label)).findFirst();
    }
}
