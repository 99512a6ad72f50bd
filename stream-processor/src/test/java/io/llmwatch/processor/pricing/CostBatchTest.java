package io.llmwatch.processor.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostBatchTest {

    private static final Clock O3_PRICE_CUT_DAY = Clock.fixed(Instant.parse("2025-06-10T08:00:00Z"), ZoneOffset.UTC);

    private final CostBatch batch = new CostBatch(PriceCatalog.bundled(), O3_PRICE_CUT_DAY);

    @Test
    void pricesAUsageLine() {
        assertThat(batch.answer("""
                {"provider": "anthropic", "model": "claude-sonnet-4-5", "timestamp": "2025-11-06T12:00:00Z",
                 "usage": {"input_tokens": 1000, "cache_write_tokens": 200, "cache_read_tokens": 300,
                           "output_tokens": 100}}""".replace("\n", "")))
                .isEqualTo("{\"model_id\":\"claude-sonnet-4-5\",\"input_price\":\"0.00234\","
                        + "\"output_price\":\"0.0015\",\"total_price\":\"0.00384\"}");
    }

    @Test
    void pricesARawResponseLine() {
        assertThat(batch.answer("{\"provider\": \"anthropic\", \"api_flavor\": \"default\","
                + " \"timestamp\": \"2025-11-06T12:00:00Z\", \"body\": {\"model\": \"claude-sonnet-4-5-20250929\","
                + " \"usage\": {\"input_tokens\": 14, \"output_tokens\": 65}}}"))
                .isEqualTo("{\"model_id\":\"claude-sonnet-4-5\",\"input_price\":\"0.000042\","
                        + "\"output_price\":\"0.000975\",\"total_price\":\"0.001017\"}");
    }

    @Test
    void rendersZeroAndWholeAmountsWithoutExponentOrTrailingZeros() {
        assertThat(batch.answer("{\"provider\": \"openai\", \"model\": \"o3\","
                + " \"usage\": {\"input_tokens\": 1000000, \"output_tokens\": 0}}"))
                .isEqualTo("{\"model_id\":\"o3\",\"input_price\":\"2\",\"output_price\":\"0\",\"total_price\":\"2\"}");
    }

    @Test
    void aLineWithoutTimestampIsPricedAtTheClocksTime() {
        String line = "{\"provider\": \"openai\", \"model\": \"o3\", \"usage\": {\"input_tokens\": 1000000}}";
        CostBatch dayBefore = new CostBatch(PriceCatalog.bundled(),
                Clock.offset(O3_PRICE_CUT_DAY, Duration.ofDays(-1)));

        assertThat(batch.answer(line)).contains("\"input_price\":\"2\"");
        assertThat(dayBefore.answer(line)).contains("\"input_price\":\"10\"");
    }

    @Test
    void answersEveryBadLineWithAnError() {
        assertThat(batch.answer("")).isEqualTo("{\"error\":\"blank line, expected a JSON request\"}");
        assertThat(batch.answer("{\"provider\": ")).startsWith("{\"error\":\"invalid JSON: ");
        assertThat(batch.answer("{\"provider\": \"openai\"} trailing")).startsWith("{\"error\":\"invalid JSON: ");
        assertThat(batch.answer("[]")).isEqualTo("{\"error\":\"a request is a JSON object, got ARRAY\"}");
        assertThat(batch.answer("{\"model\": \"gpt-4o\", \"usage\": {}}"))
                .isEqualTo("{\"error\":\"'provider' must be a non-blank string\"}");
        assertThat(batch.answer("{\"provider\": \"openai\", \"usage\": {}}"))
                .isEqualTo("{\"error\":\"'model' must be a non-blank string\"}");
        assertThat(batch.answer("{\"provider\": \"openai\", \"model\": \"gpt-4o\"}"))
                .isEqualTo("{\"error\":\"'usage' must be a JSON object\"}");
        assertThat(batch.answer("{\"provider\": \"openai\", \"model\": \"gpt-4o\", \"usage\": {\"input_tokens\": 1.5}}"))
                .isEqualTo("{\"error\":\"usage.input_tokens must be a whole number, got 1.5\"}");
        assertThat(batch.answer("{\"provider\": \"openai\", \"model\": \"gpt-4o\", \"usage\": {\"tokens\": 1}}"))
                .startsWith("{\"error\":\"unknown usage key 'tokens'");
        assertThat(batch.answer("{\"provider\": \"openai\", \"model\": \"gpt-4o\", \"timestamp\": \"yesterday\","
                + " \"usage\": {}}"))
                .isEqualTo("{\"error\":\"'timestamp' must be ISO-8601 such as 2025-11-06T12:00:00Z, got \\\"yesterday\\\"\"}");
        assertThat(batch.answer("{\"provider\": \"openai\", \"model\": \"gpt-4o\", \"usage\": {}, \"body\": {}}"))
                .isEqualTo("{\"error\":\"a request has either 'usage' or 'body', not both\"}");
        assertThat(batch.answer("{\"provider\": \"openai\", \"api_flavor\": \"chat\", \"body\": {\"model\": \"gpt-4o\"}}"))
                .isEqualTo("{\"error\":\"Missing value at `usage`\"}");
    }

    @Test
    void anUnknownModelIsAnErrorNamingTheReason() {
        assertThat(batch.answer("{\"provider\": \"openai\", \"model\": \"gpt-9\", \"usage\": {\"input_tokens\": 1}}"))
                .isEqualTo("{\"error\":\"unknown model: provider openai has no model matching 'gpt-9'\"}");
    }

    @Test
    void acceptsTimestampsWithOffsets() {
        assertThat(batch.answer("{\"provider\": \"openai\", \"model\": \"o3\", \"timestamp\": \"2025-06-10T01:00:00+02:00\","
                + " \"usage\": {\"input_tokens\": 1000000}}"))
                .contains("\"input_price\":\"10\"");
    }

    @Test
    void writesExactlyOneLinePerInputLineInOrder() throws IOException {
        String input = String.join("\n",
                "{\"provider\": \"openai\", \"model\": \"gpt-4o\", \"usage\": {\"input_tokens\": 1000000}}",
                "not json",
                "",
                "{\"provider\": \"openai\", \"model\": \"gpt-9\", \"usage\": {}}",
                "{\"provider\": \"openai\", \"model\": \"gpt-4o-mini\", \"usage\": {\"input_tokens\": 1000000}}");
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        batch.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), output);

        List<String> lines = output.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).contains("\"model_id\":\"gpt-4o\"", "\"input_price\":\"2.5\"");
        assertThat(lines.get(1)).startsWith("{\"error\":\"invalid JSON");
        assertThat(lines.get(2)).startsWith("{\"error\":\"blank line");
        assertThat(lines.get(3)).startsWith("{\"error\":\"unknown model");
        assertThat(lines.get(4)).contains("\"model_id\":\"gpt-4o-mini\"", "\"input_price\":\"0.15\"");
        assertThat(output.toString(StandardCharsets.UTF_8)).endsWith("}\n");
    }
}
