/** A reminder, once per window per model, that a model's calls are counted without a price. */
package io.llmwatch.processor.detection.unpriced;
