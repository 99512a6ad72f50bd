package io.llmwatch.processor.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmwatch.processor.limits.BoundedLineReader;
import io.llmwatch.processor.pricing.extraction.UsageExtractor;
import io.llmwatch.processor.pricing.usage.TokenUsage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The engine of {@code llmwatch cost --batch}: prices JSON lines.
 *
 * <p>Each input line is one request, either with usage counted under genai-prices usage keys
 * <pre>{"provider": "openai", "model": "gpt-4o", "timestamp": "2025-11-06T12:00:00Z", "usage": {"input_tokens": 1000}}</pre>
 * or with the raw provider response, from which the provider's extractor reads model and usage
 * <pre>{"provider": "anthropic", "api_flavor": "default", "timestamp": "…", "body": {"model": "…", "usage": {…}}}</pre>
 * ({@code api_flavor} defaults to {@code default}, {@code timestamp} to now).
 *
 * <p>Each input line gets exactly one output line, in order, so line <i>n</i> of the output always answers line
 * <i>n</i> of the input: {@code {"model_id", "input_price", "output_price", "total_price"}} with prices as USD
 * decimal strings, or {@code {"error": "…"}} for anything that cannot be priced, including blank lines, malformed
 * JSON and unknown models.
 */
public final class CostBatch {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** A request line is a few hundred characters; a raw provider response rarely more than a few kilobytes. */
    public static final int DEFAULT_MAX_LINE_CHARS = 1024 * 1024;

    private final PriceCatalog catalog;
    private final Clock clock;
    private final int maxLineChars;

    /** @param clock supplies the timestamp of requests that have none */
    public CostBatch(PriceCatalog catalog, Clock clock) {
        this(catalog, clock, DEFAULT_MAX_LINE_CHARS);
    }

    /** @param maxLineChars a longer line is answered with an error without being held in memory */
    public CostBatch(PriceCatalog catalog, Clock clock, int maxLineChars) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxLineChars = maxLineChars;
    }

    /**
     * Answers every line of {@code requests} on {@code answers}, flushing after each line so a caller can converse
     * line by line. Neither stream is closed.
     */
    public void run(InputStream requests, OutputStream answers) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(
                new BufferedReader(new InputStreamReader(requests, StandardCharsets.UTF_8)), maxLineChars);
        Writer writer = new OutputStreamWriter(answers, StandardCharsets.UTF_8);
        for (var next = reader.next(); next.isPresent(); next = reader.next()) {
            BoundedLineReader.Line line = next.get();
            writer.write(line.text().map(this::answer).orElseGet(() ->
                    error("line of " + line.length() + " characters, longer than the limit of " + maxLineChars)));
            writer.write('\n');
            writer.flush();
        }
    }

    /** The answer to one request line: one line of JSON, without line terminator. */
    String answer(String requestLine) {
        if (requestLine.isBlank()) {
            return error("blank line, expected a JSON request");
        }
        try {
            return render(price(JSON.readTree(requestLine)));
        } catch (JsonProcessingException e) {
            return error("invalid JSON: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            // Invalid requests, usage and bodies end up here; so would a bug, and one bad line must not end the batch.
            return error(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    private PriceResult price(JsonNode request) {
        if (!request.isObject()) {
            throw new IllegalArgumentException("a request is a JSON object, got " + request.getNodeType());
        }
        String provider = text(request, "provider");
        Instant timestamp = timestamp(request.get("timestamp"));
        if (request.has("body")) {
            if (request.has("usage")) {
                throw new IllegalArgumentException("a request has either 'usage' or 'body', not both");
            }
            String apiFlavor = request.has("api_flavor") ? text(request, "api_flavor") : UsageExtractor.DEFAULT_FLAVOR;
            return catalog.priceResponse(provider, apiFlavor, timestamp, object(request, "body"));
        }
        return catalog.price(provider, text(request, "model"), timestamp, usage(object(request, "usage")));
    }

    private Instant timestamp(JsonNode timestamp) {
        if (timestamp == null || timestamp.isNull()) {
            return clock.instant();
        }
        try {
            return Instant.parse(timestamp.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'timestamp' must be ISO-8601 such as 2025-11-06T12:00:00Z, got " + timestamp);
        }
    }

    private static TokenUsage usage(JsonNode usage) {
        Map<String, Long> counts = new LinkedHashMap<>();
        usage.properties().forEach(count -> {
            JsonNode value = count.getValue();
            if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
                throw new IllegalArgumentException(
                        "usage." + count.getKey() + " must be a whole number, got " + value);
            }
            counts.put(count.getKey(), value.longValue());
        });
        return TokenUsage.of(counts);
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' must be a non-blank string");
        }
        return value.textValue();
    }

    private static JsonNode object(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException("'" + field + "' must be a JSON object");
        }
        return value;
    }

    private static String render(PriceResult result) {
        if (result instanceof UnknownModel unknown) {
            return error("unknown model: " + unknown.reason());
        }
        CostBreakdown cost = (CostBreakdown) result;
        ObjectNode answer = JSON.createObjectNode()
                .put("model_id", cost.modelId())
                .put("input_price", usd(cost.inputPrice()))
                .put("output_price", usd(cost.outputPrice()))
                .put("total_price", usd(cost.totalPrice()));
        return answer.toString();
    }

    /** Exact, without exponent or trailing zeros: {@code 0.0000462}, not {@code 4.620E-5}. */
    private static String usd(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }
}
