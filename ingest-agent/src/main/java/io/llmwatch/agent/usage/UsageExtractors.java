package io.llmwatch.agent.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The usage extractor of each supported provider API, keyed like genai-prices keys its extractors: a
 * provider id and an API flavour.
 *
 * <table>
 *   <caption>Supported APIs</caption>
 *   <tr><th>provider</th><th>flavour</th><th>API</th></tr>
 *   <tr><td>{@code openai}</td><td>{@code chat}</td><td>Chat Completions</td></tr>
 *   <tr><td>{@code openai}</td><td>{@code responses}</td><td>Responses</td></tr>
 *   <tr><td>{@code anthropic}</td><td>{@value #DEFAULT_FLAVOR}</td><td>Messages</td></tr>
 *   <tr><td>{@code google}</td><td>{@value #DEFAULT_FLAVOR}</td><td>Gemini {@code generateContent}</td></tr>
 *   <tr><td>{@code aws}</td><td>{@value #DEFAULT_FLAVOR}</td><td>Bedrock Converse</td></tr>
 * </table>
 *
 * Providers may also be named by their OpenTelemetry {@code gen_ai.provider.name} ({@code aws.bedrock},
 * {@code gcp.gemini}, {@code gcp.vertex_ai}, {@code gcp.gen_ai}); a null or blank flavour means
 * {@value #DEFAULT_FLAVOR}. Nothing here throws: an unknown API or an unreadable body is an empty result.
 */
public final class UsageExtractors {

    /** The flavour of a provider's native API, as genai-prices names it. */
    public static final String DEFAULT_FLAVOR = "default";

    private static final Map<Api, UsageExtractor> BY_API = Map.of(
            new Api("openai", "chat"), new OpenAiChatUsage(),
            new Api("openai", "responses"), new OpenAiResponsesUsage(),
            new Api("anthropic", DEFAULT_FLAVOR), new AnthropicMessagesUsage(),
            new Api("google", DEFAULT_FLAVOR), new GeminiGenerateContentUsage(),
            new Api("aws", DEFAULT_FLAVOR), new BedrockConverseUsage());

    /** OpenTelemetry provider names of the same APIs, to the genai-prices ids the table is keyed by. */
    private static final Map<String, String> PROVIDER_ALIASES = Map.of(
            "aws.bedrock", "aws",
            "gcp.gemini", "google",
            "gcp.vertex_ai", "google",
            "gcp.gen_ai", "google");

    /** Thread-safe once configured; reading trees is all it does. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private UsageExtractors() {
    }

    /** The provider/flavour pairs with an extractor, in genai-prices' names. */
    public static Set<Api> supportedApis() {
        return BY_API.keySet();
    }

    /** The extractor for {@code provider}'s {@code apiFlavor}, if that API is supported. */
    public static Optional<UsageExtractor> forApi(String provider, String apiFlavor) {
        if (provider == null) {
            return Optional.empty();
        }
        String providerId = provider.strip().toLowerCase(Locale.ROOT);
        String flavor = apiFlavor == null || apiFlavor.isBlank() ? DEFAULT_FLAVOR : apiFlavor.strip().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(BY_API.get(new Api(PROVIDER_ALIASES.getOrDefault(providerId, providerId), flavor)));
    }

    /** The model and usage in a response {@code body} of the given API; empty if the API is unknown or the body is not its response. */
    public static Optional<ExtractedUsage> extract(String provider, String apiFlavor, JsonNode body) {
        if (body == null) {
            return Optional.empty();
        }
        return forApi(provider, apiFlavor).flatMap(extractor -> extractor.extract(body));
    }

    /** As {@link #extract(String, String, JsonNode)}, from the body's JSON text; malformed JSON is an empty result. */
    public static Optional<ExtractedUsage> extract(String provider, String apiFlavor, String json) {
        if (json == null || forApi(provider, apiFlavor).isEmpty()) {
            return Optional.empty();
        }
        try {
            return extract(provider, apiFlavor, JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * A provider API as genai-prices identifies it.
     *
     * @param provider  the genai-prices provider id, e.g. {@code openai}, {@code aws}
     * @param apiFlavor e.g. {@code chat}, {@code responses}, {@value #DEFAULT_FLAVOR}
     */
    public record Api(String provider, String apiFlavor) {
    }
}
