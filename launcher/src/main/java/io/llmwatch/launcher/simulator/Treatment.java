package io.llmwatch.launcher.simulator;

/**
 * What the app does for one request of a feature: normally the feature's model and one of its prompt
 * versions; during the incident a pricier model, a runaway prompt and a longer context.
 *
 * @param inputScale factor on the feature's usual prompt length
 * @param release    the app release that served the request
 * @param errorRate  the share of calls that fail
 */
record Treatment(SimulatedModel model, PromptVariant prompt, double inputScale, String release, double errorRate) {
}
