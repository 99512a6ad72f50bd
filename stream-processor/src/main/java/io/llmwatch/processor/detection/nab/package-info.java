/**
 * The Numenta Anomaly Benchmark (NAB, numenta/NAB, MIT) in Java: its corpus layout, its scoring rules (15%
 * probation, scaled-sigmoid rewards relative to labelled windows, profile weights, one threshold optimised per
 * profile across the corpus, normalisation so that the null detector scores 0 and a perfect one 100), and a runner
 * that streams every series through the production anomaly detector.
 *
 * <p>The scoring follows {@code nab/sweeper.py}, {@code nab/optimizer.py} and {@code nab/runner.py} at commit
 * ea702d7; on NAB's published detector results it reproduces the scores of NAB's own Python code.
 */
package io.llmwatch.processor.detection.nab;
