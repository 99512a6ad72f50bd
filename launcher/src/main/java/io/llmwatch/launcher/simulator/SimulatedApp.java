package io.llmwatch.launcher.simulator;

import io.llmwatch.agent.prompt.PromptRegistry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The simulated product: a multi-tenant SaaS with six LLM features, its customers and their users,
 * and the prompt templates it registers with the agent's prompt registry.
 */
final class SimulatedApp {

    static final String ENVIRONMENT = "production";
    static final String RELEASE = "2025.11.3";

    static final String SUPPORT_CHAT = "support-chat";
    static final String SEARCH_SUMMARIZE = "search-summarize";
    static final String CODE_REVIEW = "code-review";
    static final String EMAIL_DRAFT = "email-draft";
    static final String AGENT_WORKFLOW = "agent-workflow";
    static final String DATA_INSIGHTS = "data-insights";
    static final List<String> FEATURE_NAMES =
            List.of(SUPPORT_CHAT, SEARCH_SUMMARIZE, CODE_REVIEW, EMAIL_DRAFT, AGENT_WORKFLOW, DATA_INSIGHTS);

    /** How steeply user activity falls with rank: user 1 makes about twice the calls of user 2. */
    private static final double USER_ACTIVITY_EXPONENT = 1.1;

    private final PromptRegistry prompts = new PromptRegistry();
    private final Weighted<Tenant> tenants;
    private final Weighted<Feature> features;

    SimulatedApp() {
        LinkedHashMap<Tenant, Double> tenantShares = new LinkedHashMap<>();
        tenantShares.put(tenant("acme", "enterprise", 400), 0.34);
        tenantShares.put(tenant("globex", "enterprise", 250), 0.24);
        tenantShares.put(tenant("initech", "pro", 120), 0.17);
        tenantShares.put(tenant("umbrella", "pro", 90), 0.13);
        tenantShares.put(tenant("hooli", "free", 60), 0.12);
        this.tenants = Weighted.of(tenantShares);

        LinkedHashMap<Feature, Double> featureShares = new LinkedHashMap<>();
        featureShares.put(supportChat(), 0.30);
        featureShares.put(searchSummarize(), 0.20);
        featureShares.put(codeReview(), 0.12);
        featureShares.put(emailDraft(), 0.18);
        featureShares.put(agentWorkflow(), 0.10);
        featureShares.put(dataInsights(), 0.10);
        this.features = Weighted.of(featureShares);
    }

    Weighted<Tenant> tenants() {
        return tenants;
    }

    Weighted<Feature> features() {
        return features;
    }

    Feature feature(String name) {
        return features.choices().stream().filter(feature -> feature.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown feature '" + name + "'; known: " + FEATURE_NAMES));
    }

    /** Registers {@code template} under {@code name}; a new template becomes the name's next version. */
    PromptVariant prompt(String name, String template, double outputScale) {
        return new PromptVariant(template, prompts.register(name, template), outputScale);
    }

    private static Tenant tenant(String name, String plan, int users) {
        return new Tenant(name, plan, new Zipf(users, USER_ACTIVITY_EXPONENT));
    }

    private Feature supportChat() {
        return new Feature(SUPPORT_CHAT, SimulatedModel.CLAUDE_3_5_HAIKU, SimulatedModel.CLAUDE_SONNET_4_5,
                only(prompt("support-answer", """
                        You are the support assistant of {{company}}. Answer the customer's question using only
                        the help-centre articles below. Be friendly and concise; if unsure, offer a human agent.

                        Articles:
                        {{articles}}

                        Customer: {{question}}""", 1.0)),
                new CallShape(new TokenDistribution(1500, 0.45, 300, 16_000), new TokenDistribution(250, 0.5, 10, 4000),
                        1024, 1024, 0, 0.3),
                new QualitySignals(Optional.of("helpfulness"), 0.06), false);
    }

    private Feature searchSummarize() {
        return new Feature(SEARCH_SUMMARIZE, SimulatedModel.GEMINI_2_5_FLASH, SimulatedModel.GEMINI_2_5_PRO,
                only(prompt("search-summary", """
                        Summarise the search results for the query "{{query}}" in at most five bullet points.
                        Cite each bullet with the number of its source.

                        Results:
                        {{results}}""", 1.0)),
                new CallShape(new TokenDistribution(6000, 0.4, 800, 60_000), new TokenDistribution(300, 0.4, 30, 4000),
                        800, 0, 0, 0.2),
                new QualitySignals(Optional.of("faithfulness"), 0), false);
    }

    private Feature codeReview() {
        return new Feature(CODE_REVIEW, SimulatedModel.CLAUDE_SONNET_4_5, SimulatedModel.CLAUDE_OPUS_4_1,
                only(prompt("code-review-comments", """
                        You are a senior reviewer. Review the diff for bugs, security problems and unclear names.
                        Return at most ten comments as JSON: [{"file", "line", "severity", "comment"}].

                        Diff:
                        {{diff}}""", 1.0)),
                new CallShape(new TokenDistribution(9000, 0.6, 1200, 120_000), new TokenDistribution(900, 0.5, 50, 8000),
                        2048, 2048, 0, 0.0),
                QualitySignals.NONE, false);
    }

    /** An A/B test is running: version 2 asks for shorter drafts. */
    private Feature emailDraft() {
        LinkedHashMap<PromptVariant, Double> abTest = new LinkedHashMap<>();
        abTest.put(prompt("email-draft", """
                Draft a reply to the email below in the user's voice. Match the tone of the original.

                Email:
                {{email}}

                Points to make:
                {{points}}""", 1.0), 0.5);
        abTest.put(prompt("email-draft", """
                Draft a short reply to the email below in the user's voice: three sentences at most.

                Email:
                {{email}}

                Points to make:
                {{points}}""", 0.7), 0.5);
        return new Feature(EMAIL_DRAFT, SimulatedModel.GPT_4O_MINI, SimulatedModel.GPT_4O, Weighted.of(abTest),
                new CallShape(new TokenDistribution(600, 0.35, 100, 6000), new TokenDistribution(350, 0.4, 40, 4000),
                        800, 0, 0, 0.7),
                QualitySignals.NONE, false);
    }

    private Feature agentWorkflow() {
        return new Feature(AGENT_WORKFLOW, SimulatedModel.GPT_4O, SimulatedModel.CLAUDE_SONNET_4_5,
                only(prompt("order-assistant", """
                        You are the order assistant. Use the tools to look up orders, check stock, issue refunds
                        and email customers. Call one tool at a time; confirm before refunding over 100 USD.

                        Policy:
                        {{policy}}""", 1.0)),
                new CallShape(new TokenDistribution(2200, 0.4, 400, 30_000), new TokenDistribution(180, 0.5, 10, 2000),
                        1024, 1024, 0, 0.2),
                new QualitySignals(Optional.of("task_success"), 0.04), true);
    }

    /** A reasoning model: most of its output tokens are reasoning the user never sees. */
    private Feature dataInsights() {
        return new Feature(DATA_INSIGHTS, SimulatedModel.O4_MINI, SimulatedModel.O3,
                only(prompt("sql-analyst", """
                        You are a data analyst. Write one PostgreSQL query that answers the question, then explain
                        the result in two sentences.

                        Schema:
                        {{schema}}

                        Question: {{question}}""", 1.0)),
                new CallShape(new TokenDistribution(2500, 0.4, 400, 30_000), new TokenDistribution(1400, 0.5, 100, 16_000),
                        8192, 0, 0.7, 1.0),
                QualitySignals.NONE, false);
    }

    private static Weighted<PromptVariant> only(PromptVariant prompt) {
        LinkedHashMap<PromptVariant, Double> single = new LinkedHashMap<>();
        single.put(prompt, 1.0);
        return Weighted.of(single);
    }
}
