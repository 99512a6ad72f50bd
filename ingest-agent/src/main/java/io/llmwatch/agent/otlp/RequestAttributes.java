package io.llmwatch.agent.otlp;

import io.llmwatch.agent.RequestParams;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The sampling parameters of {@code gen_ai.request.*} (and {@code gen_ai.output.type}); empty when a span has none. */
final class RequestAttributes {

    private static final String PREFIX = "gen_ai.request.";

    private RequestAttributes() {
    }

    static Optional<RequestParams> read(SpanAttributes attributes) {
        RequestParams.Builder params = RequestParams.builder();
        boolean any = false;
        any |= set(attributes.number(PREFIX + "temperature"), params::temperature);
        any |= set(attributes.number(PREFIX + "top_p"), params::topP);
        any |= set(attributes.number(PREFIX + "top_k"), params::topK);
        any |= set(attributes.count(PREFIX + "max_tokens"), params::maxTokens);
        any |= set(attributes.number(PREFIX + "frequency_penalty"), params::frequencyPenalty);
        any |= set(attributes.number(PREFIX + "presence_penalty"), params::presencePenalty);
        any |= set(attributes.count(PREFIX + "seed"), params::seed);
        any |= set(attributes.string("gen_ai.output.type"), params::outputType);
        List<String> stopSequences = attributes.strings(PREFIX + "stop_sequences");
        if (!stopSequences.isEmpty()) {
            params.stopSequences(stopSequences);
            any = true;
        }
        return any ? Optional.of(params.build()) : Optional.empty();
    }

    private static <T> boolean set(Optional<T> value, Consumer<T> setter) {
        value.ifPresent(setter);
        return value.isPresent();
    }
}
