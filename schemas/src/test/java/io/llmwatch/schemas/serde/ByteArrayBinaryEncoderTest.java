package io.llmwatch.schemas.serde;

import io.llmwatch.schemas.span.Attribution;
import io.llmwatch.schemas.span.Content;
import io.llmwatch.schemas.span.PromptRef;
import io.llmwatch.schemas.span.RequestParameters;
import io.llmwatch.schemas.span.Score;
import io.llmwatch.schemas.span.SpanError;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.span.Usage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumers in other languages read what the agent and the processor write, so the serde's bytes must be
 * exactly Avro's own single-object encoding, for every kind of field the span contract has: strings in any
 * script, negative and huge numbers, doubles, booleans, unions set and unset, arrays and maps.
 */
class ByteArrayBinaryEncoderTest {

    private static final BinaryMessageEncoder<SpanEvent> AVROS =
            new BinaryMessageEncoder<>(SpecificData.get(), SpanEvent.getClassSchema());
    /** Without the span limits the topic's serde checks on decoding: random values break them, and encoding is what is tested. */
    private static final AvroSerde<SpanEvent> SERDE = AvroSerde.of(SpanEvent.class);

    @Property(tries = 300)
    void encodesEverySpanExactlyAsAvroDoes(@ForAll("spans") SpanEvent span) throws IOException {
        assertThat(SERDE.encode(span)).isEqualTo(AVROS.encode(span).array());
        assertThat(SERDE.decode(SERDE.encode(span))).isEqualTo(span);
    }

    @Provide
    Arbitrary<SpanEvent> spans() {
        // Any text a string can round-trip: lone surrogates have no UTF-8 form, and every encoder replaces them.
        Arbitrary<String> text = Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFF')
                .ofMaxLength(300);
        Arbitrary<String> optionalText = text.injectNull(0.3);
        Arbitrary<Long> anyLong = Arbitraries.longs();
        Arbitrary<Double> anyDouble = Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(-0.0);
        Arbitrary<Usage> usage = anyLong.list().ofSize(10).map(counts -> new Usage(counts.get(0), counts.get(1),
                counts.get(2), counts.get(3), counts.get(4), counts.get(5), counts.get(6), counts.get(7), counts.get(8), counts.get(9)));
        Arbitrary<RequestParameters> request = Combinators.combine(anyDouble.injectNull(0.3), anyLong.injectNull(0.3),
                        text.list().ofMaxSize(3), optionalText)
                .as((temperature, maxTokens, stops, outputType) -> new RequestParameters(temperature, temperature, null,
                        maxTokens, null, temperature, maxTokens, stops, outputType))
                .injectNull(0.3);
        Arbitrary<SpanError> error = Combinators.combine(text, optionalText, Arbitraries.of(true, false))
                .as(SpanError::new).injectNull(0.5);
        Arbitrary<Attribution> attribution = Combinators.combine(optionalText, optionalText, Arbitraries.maps(text, text).ofMaxSize(4))
                .as((user, feature, tags) -> new Attribution(user, user, null, feature, feature, null, user, tags));
        Arbitrary<PromptRef> prompt = Combinators.combine(text, Arbitraries.integers().injectNull(0.3), optionalText)
                .as(PromptRef::new).injectNull(0.5);
        Arbitrary<Content> content = Combinators.combine(optionalText, Arbitraries.integers().injectNull(0.3))
                .as((hash, length) -> new Content(hash, hash, length, length, hash, null));
        Arbitrary<java.util.List<Score>> scores = Combinators.combine(text, anyDouble, optionalText).as(Score::new).list().ofMaxSize(3);
        Arbitrary<SpanEvent> identity = Combinators.combine(text, text, optionalText, text, anyLong, anyLong, anyLong.injectNull(0.3))
                .as((traceId, name, provider, operation, start, end, firstToken) -> {
                    SpanEvent span = new SpanEvent();
                    span.setTraceId(traceId);
                    span.setSpanId(name);
                    span.setParentSpanId(provider);
                    span.setName(name);
                    span.setOperation(operation);
                    span.setProvider(provider);
                    span.setRequestModel(provider);
                    span.setResponseModel(provider);
                    span.setStartTimeUnixNano(start);
                    span.setEndTimeUnixNano(end);
                    span.setTimeToFirstTokenNanos(firstToken);
                    span.setSource(operation);
                    return span;
                });
        return Combinators.combine(identity, usage, request, error, attribution, prompt, content, scores)
                .as((span, spanUsage, params, spanError, spanAttribution, promptRef, spanContent, spanScores) -> {
                    span.setUsage(spanUsage);
                    span.setRequest(params);
                    span.setFinishReasons(spanScores.stream().map(Score::getName).toList());
                    span.setError(spanError);
                    span.setAttribution(spanAttribution);
                    span.setPrompt(promptRef);
                    span.setContent(spanContent);
                    span.setScores(spanScores);
                    return span;
                });
    }
}
