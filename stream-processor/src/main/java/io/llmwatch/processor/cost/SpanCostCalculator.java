package io.llmwatch.processor.cost;

import io.llmwatch.processor.pricing.CostBreakdown;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.pricing.PriceResult;
import io.llmwatch.processor.pricing.updates.PriceBook;
import io.llmwatch.processor.pricing.usage.TokenUsage;
import io.llmwatch.schemas.span.Attribution;
import io.llmwatch.schemas.span.PromptRef;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.span.Usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns a span into a {@link CostSample}: its model priced with the prices in force at the span's
 * event time (the catalogue, or an operator override effective by then). A model without a price still yields a sample, with its tokens and no cost, so calls are
 * never lost from the totals just because nobody priced them yet.
 */
public final class SpanCostCalculator {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final PriceBook prices;

    /** Prices with whatever the book holds at the moment each span is priced. */
    public SpanCostCalculator(PriceBook prices) {
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    /** Prices with the catalogue until overrides arrive in its own book. */
    public SpanCostCalculator(PriceCatalog catalog) {
        this(new PriceBook(catalog));
    }

    public PriceBook prices() {
        return prices;
    }

    /** Whether the span called a model, i.e. is something cost is attributed to (tool calls and agent steps are not). */
    public static boolean isModelCall(SpanEvent span) {
        return span != null && modelOf(span) != null;
    }

    /** The model that answered if the provider said so, else the one the app asked for. */
    private static String modelOf(SpanEvent span) {
        String responseModel = span.getResponseModel();
        return responseModel != null && !responseModel.isBlank() ? responseModel : blankToNull(span.getRequestModel());
    }

    public CostSample cost(SpanEvent span) {
        long eventTimeMillis = span.getEndTimeUnixNano() / NANOS_PER_MILLI;
        String model = modelOf(span);
        Usage usage = span.getUsage();
        Attribution attribution = span.getAttribution();
        long latencyMillis = Math.max(0, (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / NANOS_PER_MILLI);
        return new CostSample(span.getTraceId(), eventTimeMillis, attribution.getTenant(), attribution.getUser(),
                attribution.getFeature(), attribution.getEnvironment(), promptOf(span), span.getProvider(), model,
                price(span.getProvider(), model, Instant.ofEpochMilli(eventTimeMillis), usage),
                usage.getInputTokens(), usage.getOutputTokens(), usage.getCacheReadTokens(), latencyMillis,
                span.getError() != null);
    }

    /**
     * The prompt as analysts name it, {@code name@version}; without a registry version the first
     * 12 hex digits of the template hash tell versions apart.
     */
    static String promptOf(SpanEvent span) {
        PromptRef prompt = span.getPrompt();
        if (prompt == null) {
            return null;
        }
        if (prompt.getVersion() != null) {
            return prompt.getName() + "@" + prompt.getVersion();
        }
        String hash = prompt.getTemplateSha256();
        return hash == null ? prompt.getName() : prompt.getName() + "@" + hash.substring(0, Math.min(12, hash.length()));
    }

    private BigDecimal price(String provider, String model, Instant at, Usage usage) {
        if (provider == null || provider.isBlank()) {
            return null;
        }
        PriceResult result = prices.current().price(provider, model, at, tokenUsage(usage));
        return result instanceof CostBreakdown breakdown ? breakdown.totalPrice() : null;
    }

    /** Our usage follows the same inclusive conventions as genai-prices, so the counts map one to one. */
    static TokenUsage tokenUsage(Usage usage) {
        return TokenUsage.builder()
                .inputTokens(usage.getInputTokens())
                .outputTokens(usage.getOutputTokens())
                .cacheReadTokens(usage.getCacheReadTokens())
                .cacheWriteTokens(usage.getCacheWriteTokens())
                .inputAudioTokens(usage.getInputAudioTokens())
                .cacheAudioReadTokens(usage.getCacheAudioReadTokens())
                .outputAudioTokens(usage.getOutputAudioTokens())
                .build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
