package io.llmwatch.agent;

/** What a span did, named by the OpenTelemetry GenAI semantic conventions' {@code gen_ai.operation.name}. */
public enum Operation {

    /** A chat completion, e.g. OpenAI Chat Completions or Anthropic Messages. */
    CHAT("chat"),

    /** A legacy text completion. */
    TEXT_COMPLETION("text_completion"),

    /** Multimodal content generation, e.g. Gemini generateContent. */
    GENERATE_CONTENT("generate_content"),

    /** An embeddings request. */
    EMBEDDINGS("embeddings"),

    /** Creating an agent. */
    CREATE_AGENT("create_agent"),

    /** Running an agent: the root of an agent workflow, or a sub-agent inside one. */
    INVOKE_AGENT("invoke_agent"),

    /** Running a tool the model asked for. */
    EXECUTE_TOOL("execute_tool"),

    /** Fetching context for the model, e.g. from a vector store. */
    RETRIEVAL("retrieval");

    private final String operationName;

    Operation(String operationName) {
        this.operationName = operationName;
    }

    /** The {@code gen_ai.operation.name} value, e.g. {@code invoke_agent}. */
    public String operationName() {
        return operationName;
    }
}
