/** Prompt versions that buy clearly less quality per dollar than their best sibling version. */
package io.llmwatch.processor.detection.efficiency;
