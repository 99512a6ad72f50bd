/**
 * Spending caps per dimension key and UTC hour or day, alerting at 80% and 100% once per period; definitions come
 * from configuration or the compacted {@code llmwatch.budgets.v1} topic.
 */
package io.llmwatch.processor.detection.budget;
