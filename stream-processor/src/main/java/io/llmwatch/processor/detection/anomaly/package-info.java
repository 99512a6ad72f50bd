/**
 * Streaming anomaly detection for one numeric series per key, with bounded, serialisable state.
 *
 * <p>{@link io.llmwatch.processor.detection.anomaly.CostAnomalyDetector} is a plain class: state in, state and
 * score out. The Kafka Streams processor that keeps its {@link io.llmwatch.processor.detection.anomaly.AnomalyState}
 * per dimension key lives elsewhere; the NAB benchmark feeds the very same class.
 */
package io.llmwatch.processor.detection.anomaly;
