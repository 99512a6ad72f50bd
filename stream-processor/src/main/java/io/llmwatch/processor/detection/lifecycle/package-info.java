/**
 * What every detector shares about alerts: the {@link io.llmwatch.processor.detection.lifecycle.Verdict} a detector
 * hands to its processor (type, severity, status, incident, evidence, summary), the alert types with their runbook
 * hints, and the {@link io.llmwatch.processor.detection.lifecycle.Hysteresis} lifecycle that makes one incident fire
 * once and resolve once.
 */
package io.llmwatch.processor.detection.lifecycle;
