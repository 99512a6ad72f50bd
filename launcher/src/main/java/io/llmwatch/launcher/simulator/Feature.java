package io.llmwatch.launcher.simulator;

/**
 * A product feature of the simulated app and the LLM calls it makes.
 *
 * @param model         the model the feature normally calls
 * @param upgradeModel  the pricier model a careless release switches it to, should it be the incident's feature
 * @param prompts       the prompt versions in use, weighted (more than one during an A/B test)
 * @param agentWorkflow whether a request runs an agent (plan, tools, answer) rather than one call
 */
record Feature(String name, SimulatedModel model, SimulatedModel upgradeModel, Weighted<PromptVariant> prompts,
               CallShape shape, QualitySignals quality, boolean agentWorkflow) {

    /** The template the incident's release extends: the first prompt version. */
    PromptVariant originalPrompt() {
        return prompts.choices().get(0);
    }
}
