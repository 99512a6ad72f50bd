package io.llmwatch.processor.detection.lifecycle;

/**
 * How much evidence the lifecycle wants before it changes its mind.
 *
 * @param breachesToFire  {@link Reading#BREACHED} evaluations in a row needed to fire
 * @param clearsToResolve {@link Reading#CLEAR} evaluations in a row needed to resolve
 */
public record LifecycleSettings(int breachesToFire, int clearsToResolve) {

    public LifecycleSettings {
        if (breachesToFire < 1 || clearsToResolve < 1) {
            throw new IllegalArgumentException("need breachesToFire >= 1 and clearsToResolve >= 1, got "
                    + breachesToFire + " and " + clearsToResolve);
        }
    }
}
