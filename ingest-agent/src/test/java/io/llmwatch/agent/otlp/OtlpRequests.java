package io.llmwatch.agent.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Builds OTLP protobuf messages the way an instrumented application's SDK would send them. */
final class OtlpRequests {

    static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
    static final String SPAN_ID = "eee19b7ec3c1b174";
    static final String PARENT_SPAN_ID = "eee19b7ec3c1b173";
    static final long START_NANOS = 1_762_430_400_000_000_000L;
    static final long END_NANOS = START_NANOS + 850_000_000L;

    private OtlpRequests() {
    }

    /** A span of the test trace, {@link #SPAN_ID} under {@link #PARENT_SPAN_ID}, lasting 850 ms. */
    static Span.Builder span(String name, Map<String, ?> attributes) {
        return Span.newBuilder()
                .setTraceId(bytes(TRACE_ID))
                .setSpanId(bytes(SPAN_ID))
                .setParentSpanId(bytes(PARENT_SPAN_ID))
                .setName(name)
                .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .setStartTimeUnixNano(START_NANOS)
                .setEndTimeUnixNano(END_NANOS)
                .addAllAttributes(keyValues(attributes));
    }

    static ExportTraceServiceRequest request(Map<String, ?> resourceAttributes, Span... spans) {
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAllAttributes(keyValues(resourceAttributes)))
                        .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))))
                .build();
    }

    static ByteString bytes(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    static List<KeyValue> keyValues(Map<String, ?> attributes) {
        return attributes.entrySet().stream()
                .map(entry -> KeyValue.newBuilder().setKey(entry.getKey()).setValue(value(entry.getValue())).build())
                .toList();
    }

    private static AnyValue value(Object value) {
        if (value instanceof String text) {
            return AnyValue.newBuilder().setStringValue(text).build();
        }
        if (value instanceof Integer || value instanceof Long) {
            return AnyValue.newBuilder().setIntValue(((Number) value).longValue()).build();
        }
        if (value instanceof Double number) {
            return AnyValue.newBuilder().setDoubleValue(number).build();
        }
        if (value instanceof Boolean flag) {
            return AnyValue.newBuilder().setBoolValue(flag).build();
        }
        if (value instanceof List<?> list) {
            ArrayValue.Builder array = ArrayValue.newBuilder();
            list.forEach(item -> array.addValues(value(item)));
            return AnyValue.newBuilder().setArrayValue(array).build();
        }
        throw new IllegalArgumentException("No OTLP value for " + value);
    }
}
