package io.llmwatch.processor.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.llmwatch.processor.pricing.extraction.UsageExtractionException;
import io.llmwatch.processor.pricing.usage.TokenUsage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Agreement with genai-prices itself: every extractor result of {@code usages-sample.json} (real provider responses,
 * with the usage genai-prices extracted and the prices it computed at 2025-11-06T12:00:00Z) priced from the recorded
 * usage and from the raw body.
 */
class GenaiPricesSampleTest {

    private static final Instant SAMPLE_REQUEST_TIME = Instant.parse("2025-11-06T12:00:00Z");

    /**
     * The sample was computed with genai-prices' live (v2) data; the bundled catalogue is its frozen v1 snapshot.
     * Prices agree everywhere, but v1 cannot read these providers' responses at all: modal and zai are not in it,
     * and perplexity has no extractors in it. genai-prices found no price for them either.
     */
    private static final Set<String> PROVIDERS_V1_CANNOT_READ = Set.of("modal", "zai", "perplexity");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final PriceCatalog CATALOG = PriceCatalog.bundled();

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesNamingAModel")
    void pricesRecordedUsageAsGenaiPricesDoes(SampleCase sample) {
        PriceResult result = CATALOG.price(sample.providerId(), sample.model().orElseThrow(), SAMPLE_REQUEST_TIME,
                sample.usage());

        if (sample.expected().isPresent()) {
            assertSamePrices(result, sample.expected().get());
        } else {
            assertThat(result).isInstanceOf(UnknownModel.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void pricesRawResponseAsGenaiPricesDoes(SampleCase sample) {
        if (sample.expected().isPresent()) {
            PriceResult result = CATALOG.priceResponse(sample.providerId(), sample.apiFlavor(), SAMPLE_REQUEST_TIME,
                    sample.body());
            assertSamePrices(result, sample.expected().get());
        } else if (PROVIDERS_V1_CANNOT_READ.contains(sample.providerId()) || sample.model().isEmpty()) {
            assertThatThrownBy(() -> CATALOG.priceResponse(sample.providerId(), sample.apiFlavor(),
                    SAMPLE_REQUEST_TIME, sample.body()))
                    .isInstanceOf(UsageExtractionException.class);
        } else {
            assertThat(CATALOG.priceResponse(sample.providerId(), sample.apiFlavor(), SAMPLE_REQUEST_TIME,
                    sample.body())).isInstanceOf(UnknownModel.class);
        }
    }

    @Test
    void theBatchEngineAnswersEverySampleResponseAsGenaiPrices() throws IOException {
        List<SampleCase> samples = allCases().toList();
        String requests = samples.stream()
                .map(sample -> JSON.createObjectNode()
                        .put("provider", sample.providerId())
                        .put("api_flavor", sample.apiFlavor())
                        .put("timestamp", SAMPLE_REQUEST_TIME.toString())
                        .set("body", sample.body())
                        .toString())
                .collect(Collectors.joining("\n"));
        ByteArrayOutputStream answers = new ByteArrayOutputStream();

        new CostBatch(CATALOG, Clock.systemUTC())
                .run(new ByteArrayInputStream(requests.getBytes(StandardCharsets.UTF_8)), answers);

        List<String> lines = answers.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSameSizeAs(samples);
        for (int index = 0; index < samples.size(); index++) {
            SampleCase sample = samples.get(index);
            JsonNode answer = JSON.readTree(lines.get(index));
            if (sample.expected().isPresent()) {
                assertThat(new BigDecimal(answer.path("input_price").asText())).as(sample.toString())
                        .isEqualByComparingTo(sample.expected().get().input());
                assertThat(new BigDecimal(answer.path("output_price").asText())).as(sample.toString())
                        .isEqualByComparingTo(sample.expected().get().output());
            } else {
                assertThat(answer.has("error")).as(sample + " answered " + answer).isTrue();
            }
        }
    }

    private static void assertSamePrices(PriceResult result, ExpectedPrices expected) {
        assertThat(result).isInstanceOf(CostBreakdown.class);
        CostBreakdown cost = (CostBreakdown) result;
        assertThat(cost.inputPrice()).isEqualByComparingTo(expected.input());
        assertThat(cost.outputPrice()).isEqualByComparingTo(expected.output());
        assertThat(cost.totalPrice()).isEqualByComparingTo(expected.total());
    }

    static Stream<SampleCase> casesNamingAModel() throws IOException {
        return allCases().filter(sample -> sample.model().isPresent());
    }

    static Stream<SampleCase> allCases() throws IOException {
        JsonNode sample = JSON.readTree(Files.readString(SharedGenaiPrices.file("usages-sample.json")));
        return elements(sample).flatMap(response -> elements(response.get("extracted"))
                .flatMap(extraction -> elements(extraction.get("extractors"))
                        .map(extractor -> new SampleCase(
                                response.path("body").path("file").asText(),
                                Optional.ofNullable(response.get("model")).map(JsonNode::asText),
                                response.get("body"),
                                usage(extraction.get("usage")),
                                extractor.get("provider_id").asText(),
                                extractor.get("api_flavor").asText(),
                                expectedPrices(extractor)))));
    }

    private static TokenUsage usage(JsonNode usage) {
        Map<String, Long> counts = new LinkedHashMap<>();
        usage.properties().forEach(count -> counts.put(count.getKey(), count.getValue().longValue()));
        return TokenUsage.of(counts);
    }

    private static Optional<ExpectedPrices> expectedPrices(JsonNode extractor) {
        if (!extractor.has("input_price")) {
            return Optional.empty();
        }
        BigDecimal input = new BigDecimal(extractor.get("input_price").asText());
        BigDecimal output = new BigDecimal(extractor.get("output_price").asText());
        // genai-prices records a total only where it differs from input + output.
        BigDecimal total = extractor.has("total_price")
                ? new BigDecimal(extractor.get("total_price").asText())
                : input.add(output);
        return Optional.of(new ExpectedPrices(input, output, total));
    }

    private static Stream<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    record ExpectedPrices(BigDecimal input, BigDecimal output, BigDecimal total) {
    }

    record SampleCase(String file, Optional<String> model, JsonNode body, TokenUsage usage, String providerId,
            String apiFlavor, Optional<ExpectedPrices> expected) {

        @Override
        public String toString() {
            return providerId + "/" + apiFlavor + " " + model.orElse("(no model)") + " "
                    + expected.map(prices -> "$" + prices.input().toPlainString() + " + $"
                            + prices.output().toPlainString()).orElse("unpriced")
                    + " <- " + file.substring(file.lastIndexOf('/') + 1);
        }
    }
}
