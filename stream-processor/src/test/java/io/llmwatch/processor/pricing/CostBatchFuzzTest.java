package io.llmwatch.processor.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cost --batch} on hostile lines: every input line gets exactly one JSON answer, a price or an error
 * saying why; a bad line never ends the batch or changes the answers to the good lines around it.
 */
class CostBatchFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PriceCatalog CATALOG = PriceCatalog.bundled();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-06T12:00:00Z"), ZoneOffset.UTC);
    private static final String VALID =
            "{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"usage\":{\"input_tokens\":1000,\"output_tokens\":100}}";
    private static final int MAX_LINE_CHARS = 4096;

    private static List<JsonNode> run(String input) throws IOException {
        return run(new CostBatch(CATALOG, CLOCK, MAX_LINE_CHARS), input);
    }

    private static List<JsonNode> run(CostBatch batch, String input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        batch.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8).lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("an answer is not JSON: " + line, e);
            }
        }).toList();
    }

    @Property(tries = 300)
    void aHostileLineBetweenTwoValidOnesGetsItsOwnAnswerAndTheValidOnesTheirPrice(@ForAll("hostileLines") String hostile)
            throws IOException {
        String input = VALID + "\n" + hostile + "\n" + VALID + "\n";

        List<JsonNode> answers = run(input);

        assertThat(answers).hasSize((int) input.lines().count());
        assertThat(answers.get(0).get("total_price").asText()).isEqualTo("0.0035");
        assertThat(answers.get(answers.size() - 1).get("total_price").asText()).isEqualTo("0.0035");
        for (JsonNode answer : answers) {
            if (answer.has("error")) {
                assertThat(answer.get("error").asText()).isNotBlank();
            } else {
                assertThat(new BigDecimal(answer.get("total_price").asText())).isNotNegative();
            }
        }
    }

    /** Lines made of JSON punctuation, request keys and boundary values, so parsing gets deep before it fails. */
    @Provide
    Arbitrary<String> hostileLines() {
        Arbitrary<String> token = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"provider\"", "\"openai\"", "\"model\"",
                "\"gpt-4o\"", "\"usage\"", "\"input_tokens\"", "\"output_tokens\"", "\"cache_read_tokens\"", "\"timestamp\"",
                "\"body\"", "\"api_flavor\"", "\"+999999999-12-31T23:59:59Z\"", "\"-999999999-01-01T00:00:00Z\"",
                "-1", "0", "1e400", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1.5",
                "NaN", "null", "true", "\"\"", "\"\\u0000\"", "\r", "\n");
        return Arbitraries.oneOf(
                token.list().ofMaxSize(40).map(tokens -> String.join("", tokens)),
                Arbitraries.strings().ofMaxLength(200));
    }

    private static String onlyAnswer(String line) throws IOException {
        List<JsonNode> answers = run(new CostBatch(CATALOG, CLOCK), line + "\n");
        assertThat(answers).hasSize(1);
        return answers.get(0).path("error").asText("");
    }

    @Example
    void negativeAndOverflowingTokenCountsAreErrors() throws IOException {
        assertThat(onlyAnswer("{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"usage\":{\"input_tokens\":-1}}")).isNotEmpty();
        assertThat(onlyAnswer("{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"usage\":{\"input_tokens\":9223372036854775808}}"))
                .contains("must be a whole number");
    }

    @Example
    void timestampsFarInThePastOrFutureAreAnsweredNotThrown() throws IOException {
        List<JsonNode> answers = run("""
                {"provider":"openai","model":"gpt-4o","timestamp":"+999999999-12-31T23:59:59Z","usage":{"input_tokens":1}}
                {"provider":"openai","model":"gpt-4o","timestamp":"0001-01-01T00:00:00Z","usage":{"input_tokens":1}}
                """);

        assertThat(answers).hasSize(2);
    }

    @Example
    void deeplyNestedJsonIsAnError() throws IOException {
        assertThat(onlyAnswer("{\"provider\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}")).contains("nesting depth");
    }

    @Example
    void aLineLongerThanTheLimitIsAnErrorAndTheNextLineIsStillPriced() throws IOException {
        String megabyte = "{\"provider\":\"" + "x".repeat(1 << 20) + "\"}";

        List<JsonNode> answers = run(megabyte + "\n" + VALID + "\n");

        assertThat(answers.get(0).get("error").asText())
                .isEqualTo("line of " + megabyte.length() + " characters, longer than the limit of 4096");
        assertThat(answers.get(1).get("total_price").asText()).isEqualTo("0.0035");
    }

    @Example
    void aMegabyteLineWithinTheDefaultLimitIsParsedNotRefusedForItsSize() throws IOException {
        String line = "{\"provider\":\"openai\",\"model\":\"" + "m".repeat(1_000_000) + "\",\"usage\":{\"input_tokens\":1}}";

        assertThat(onlyAnswer(line)).startsWith("unknown model");
    }
}
