/**
 * Quality checks that need no judge model, each a named score in [0, 1] computed from a span: truncation, empty
 * and refused responses, JSON validity, errors, latency against an objective, tokens against a budget.
 */
package io.llmwatch.processor.detection.quality.heuristic;
