/**
 * Quality degradation per model × prompt version × score name, and the heuristic scores llmwatch computes itself
 * (in {@code heuristic}). Plain classes with serialisable state; the processors that keep the state per key live
 * elsewhere.
 */
package io.llmwatch.processor.detection.quality;
