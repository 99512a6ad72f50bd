package io.llmwatch.processor.detection.regression;

import io.llmwatch.processor.detection.KeyedDetector;
import io.llmwatch.processor.detection.comparison.SeriesState;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.signal.CallSignal;
import io.llmwatch.processor.detection.signal.DetectorKey;

import java.util.Map;

/**
 * Latency, time-to-first-token and error-rate regressions per model and per provider: three series per key, each
 * with its own detector and state.
 */
public final class TimingWatch implements KeyedDetector<SeriesState> {

    private final LatencyRegressionDetector latency;
    private final LatencyRegressionDetector timeToFirstToken;
    private final ErrorRateDetector errors;

    public TimingWatch(LatencySettings latencySettings, ErrorRateSettings errorSettings) {
        this.latency = new LatencyRegressionDetector(TimingMetric.LATENCY, latencySettings);
        this.timeToFirstToken = new LatencyRegressionDetector(TimingMetric.TIME_TO_FIRST_TOKEN, latencySettings);
        this.errors = new ErrorRateDetector(errorSettings);
    }

    @Override
    public void observe(String detectorKey, CallSignal signal, States<SeriesState> states, Verdicts verdicts) {
        DetectorKey key = DetectorKey.parse(detectorKey);
        long eventTime = signal.sample().eventTimeMillis();
        String traceId = signal.sample().traceId();
        // A failed call's duration says how fast it failed, not how fast the model answers.
        if (!signal.sample().error()) {
            publish(key, latency.step(states.get("|latency"), new Timing(eventTime, traceId, signal.sample().latencyMillis())),
                    "|latency", states, verdicts);
            if (signal.timeToFirstTokenMillis() != null) {
                publish(key, timeToFirstToken.step(states.get("|ttft"),
                        new Timing(eventTime, traceId, signal.timeToFirstTokenMillis())), "|ttft", states, verdicts);
            }
        }
        publish(key, errors.step(states.get("|errors"), new CallOutcome(eventTime, traceId, signal.sample().error())),
                "|errors", states, verdicts);
    }

    private static void publish(DetectorKey key, DetectorStep<SeriesState> step, String stateKey,
                                States<SeriesState> states, Verdicts verdicts) {
        states.put(stateKey, step.state());
        step.verdicts().forEach(verdict -> verdicts.add(verdict, key.dimension(), key.value(), Map.of()));
    }
}
