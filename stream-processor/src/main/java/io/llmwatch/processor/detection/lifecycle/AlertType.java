package io.llmwatch.processor.detection.lifecycle;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kinds of alert the detectors raise, each with the name it carries on {@code llmwatch.alerts.v1} and a runbook
 * hint: the first thing an on-call engineer should look at.
 */
public enum AlertType {
    COST_ANOMALY("cost_anomaly",
            "Open the cost view for this key and window: find the feature, user or model whose calls grew in number "
                    + "or size (a retry loop, a runaway agent, a longer prompt) in the exemplar traces, then throttle or fix it."),
    QUALITY_DEGRADATION("quality_degradation",
            "Compare recent low-scored traces with older ones of the same model and prompt version; "
                    + "check for a provider model update, a prompt edit or a change in the retrieved context."),
    PROMPT_DRIFT("prompt_drift",
            "Diff the two prompt templates and read a few traces of each version; "
                    + "if the change was unintended, roll the prompt back."),
    BUDGET("budget",
            "Find the features, users or models driving the spend in the cost view; "
                    + "throttle, switch to a cheaper model or raise the cap deliberately."),
    LATENCY_REGRESSION("latency_regression",
            "Check the provider's status page and the model's recent deployments; "
                    + "look for longer prompts or outputs in the exemplar traces, fail over if the provider is degraded."),
    TTFT_REGRESSION("ttft_regression",
            "Time to first token rose: usually provider queueing or a larger prompt prefix; "
                    + "check the provider's status page and prompt sizes, consider another region or provider."),
    ERROR_RATE("error_rate",
            "Group the failed traces by error type: 429 means rate limits, 5xx a provider incident, "
                    + "4xx a request the app builds wrongly; retry, back off or fail over accordingly."),
    UNPRICED_MODEL("unpriced_model",
            "Its calls are counted but cost nothing in llmwatch: publish the model's price to llmwatch.prices.v1 "
                    + "or fix the model name the app reports."),
    INEFFICIENT_PROMPT("inefficient_prompt",
            "Another version of this prompt buys more quality per dollar; compare their tokens and scores "
                    + "and consider routing traffic to the better version.");

    private final String wireName;
    private final String runbookHint;

    AlertType(String wireName, String runbookHint) {
        this.wireName = wireName;
        this.runbookHint = runbookHint;
    }

    /** The alert's {@code type} on the wire, e.g. {@code quality_degradation}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public String runbookHint() {
        return runbookHint;
    }
}
