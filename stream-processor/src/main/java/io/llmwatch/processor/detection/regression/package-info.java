/**
 * Latency, time-to-first-token and error-rate regressions per model × provider, each judged against a robust
 * baseline of the calls before.
 */
package io.llmwatch.processor.detection.regression;
