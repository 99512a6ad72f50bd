package io.llmwatch.processor.detection.signal;

import io.llmwatch.processor.cost.Dimension;
import org.apache.kafka.streams.KeyValue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Every detector key one signal counts for. */
public final class SignalRouting {

    /** The one key of the global dimension: the whole deployment's spend. */
    public static final String GLOBAL_KEY = "global|all";

    /** Dimensions cost is watched on, besides the global total. */
    private static final List<Dimension> COST_DIMENSIONS =
            List.of(Dimension.FEATURE, Dimension.USER, Dimension.TENANT, Dimension.MODEL);
    private static final List<Dimension> TIMING_DIMENSIONS = List.of(Dimension.MODEL, Dimension.PROVIDER);

    private SignalRouting() {
    }

    /**
     * Whether spend is tracked for a {@code dimension|value} key, so that a budget on it can ever be reached: the
     * global key, or a non-empty value of a dimension cost is watched on.
     */
    public static boolean tracksSpendOf(String dimensionKey) {
        return dimensionKey.equals(GLOBAL_KEY) || COST_DIMENSIONS.stream().anyMatch(dimension ->
                dimensionKey.startsWith(dimension.firstKey()) && dimensionKey.length() > dimension.firstKey().length());
    }

    /** The keys {@link #tracksSpendOf} accepts, as an error message names them. */
    public static String spendKeyForms() {
        return COST_DIMENSIONS.stream().map(dimension -> dimension.key("VALUE")).collect(Collectors.joining(", "))
                + " or " + GLOBAL_KEY;
    }

    public static List<KeyValue<String, CallSignal>> route(CallSignal signal) {
        List<KeyValue<String, CallSignal>> routed = new ArrayList<>(10);
        if (signal.feedback()) {
            routed.add(KeyValue.pair(SignalRoute.QUALITY.key(signal.modelAndPrompt()), signal));
            return routed;
        }
        CallSignal measurements = signal.measurements();
        if (signal.sample().priced()) {
            for (Dimension dimension : COST_DIMENSIONS) {
                routed.add(KeyValue.pair(SignalRoute.COST.key(dimension.keyOf(signal.sample())), measurements));
            }
            routed.add(KeyValue.pair(SignalRoute.COST.key(GLOBAL_KEY), measurements));
        } else {
            routed.add(KeyValue.pair(SignalRoute.UNPRICED.key(Dimension.MODEL.keyOf(signal.sample())), measurements));
        }
        for (Dimension dimension : TIMING_DIMENSIONS) {
            routed.add(KeyValue.pair(SignalRoute.TIMING.key(dimension.keyOf(signal.sample())), measurements));
        }
        if (!signal.scores().isEmpty()) {
            routed.add(KeyValue.pair(SignalRoute.QUALITY.key(signal.modelAndPrompt()), signal));
        }
        if (signal.promptName() != null) {
            routed.add(KeyValue.pair(SignalRoute.PROMPT.key(signal.promptName()), signal));
        }
        return routed;
    }
}
