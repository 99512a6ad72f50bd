package io.llmwatch.processor.detection;

import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.processor.detection.signal.CallSignal;
import org.apache.kafka.streams.processor.api.ProcessorContext;

import java.util.Map;

/**
 * One detector as {@link DetectorProcessor} runs it: how a signal for one detector key updates the states it
 * keeps (one or several per key, under keys that start with the detector key) and which verdicts it reaches.
 *
 * @param <S> the state kept per state key
 */
public interface KeyedDetector<S> {

    /** Where verdicts go, with the dimension and key they are about and any detail worth an attribute. */
    interface Verdicts {
        void add(Verdict verdict, String dimension, String dimensionKey, Map<String, String> attributes);
    }

    /** What the detector reads and writes its states through. */
    interface States<S> {
        S get(String stateKey);

        void put(String stateKey, S state);
    }

    /** For detectors that read other stores too, e.g. the budgets. */
    default void init(ProcessorContext<?, ?> context) {
    }

    /**
     * @param detectorKey the signal's key without its route, e.g. {@code feature|support-chat}
     */
    void observe(String detectorKey, CallSignal signal, States<S> states, Verdicts verdicts);
}
