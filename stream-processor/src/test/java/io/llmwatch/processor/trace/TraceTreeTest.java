package io.llmwatch.processor.trace;

import io.llmwatch.processor.cost.PricedSpan;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.serde.JsonSerde;
import io.llmwatch.processor.testing.AgentSpans;
import io.llmwatch.schemas.span.SpanError;
import io.llmwatch.schemas.span.SpanEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TraceTreeTest {

    private static final SpanCostCalculator PRICING = new SpanCostCalculator(PriceCatalog.bundled());
    private static final Instant T0 = Instant.parse("2026-11-26T14:32:00Z");
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static TraceSpan node(SpanEvent span) {
        return TraceSpan.of(PricedSpan.of(span, PRICING));
    }

    private static CollectedTrace collected(TraceSpan... spans) {
        CollectedTrace trace = CollectedTrace.first(TRACE, "u-42", spans[0]);
        for (int i = 1; i < spans.length; i++) {
            trace = trace.with(spans[i], "u-42", 100);
        }
        return trace;
    }

    /** An agent step that plans with gpt-4o, looks an order up, then answers with gpt-4o-mini. */
    private static CollectedTrace supportAgentRun() {
        return collected(
                node(AgentSpans.llmCall(TRACE, "b1", "a0", T0.plusMillis(10), T0.plusMillis(900), "gpt-4o", 1_000, 500).build()),
                node(AgentSpans.span(TRACE, "c2", "a0", "execute_tool", T0.plusMillis(900), T0.plusMillis(1_200))
                        .setName("execute_tool lookup_order").setToolName("lookup_order").build()),
                node(AgentSpans.llmCall(TRACE, "d3", "a0", T0.plusMillis(1_200), T0.plusMillis(2_000), "gpt-4o-mini", 2_000, 300).build()),
                node(AgentSpans.span(TRACE, "a0", null, "invoke_agent", T0, T0.plusMillis(2_100))
                        .setName("invoke_agent support").setAgentName("support").build()));
    }

    @Test
    void nestsSpansUnderTheirParentsInStartOrderWithKinds() {
        TraceTree tree = TraceTree.of(supportAgentRun());

        assertThat(tree.roots()).singleElement().satisfies(root -> {
            assertThat(root.spanId()).isEqualTo("a0");
            assertThat(root.kind()).isEqualTo(SpanKind.AGENT_STEP);
            assertThat(root.children()).extracting(TraceNode::spanId).containsExactly("b1", "c2", "d3");
            assertThat(root.children()).extracting(TraceNode::kind)
                    .containsExactly(SpanKind.LLM_CALL, SpanKind.TOOL_CALL, SpanKind.LLM_CALL);
        });
    }

    @Test
    void pricesEachCallAndAddsUpTheTraceExactly() {
        TraceTree tree = TraceTree.of(supportAgentRun());
        TraceNode root = tree.roots().get(0);

        // gpt-4o: 1000 × $2.50/M + 500 × $10/M = 0.0075; gpt-4o-mini: 2000 × $0.15/M + 300 × $0.60/M = 0.00048
        assertThat(root.children()).extracting(TraceNode::costUsd).containsExactly("0.0075", "0", "0.00048");
        assertThat(root.costUsd()).isEqualTo("0");
        assertThat(root.subtreeCostUsd()).isEqualTo("0.00798");
        assertThat(tree.summary().costUsd()).isEqualTo("0.00798");
        assertThat(tree.summary().llmCalls()).isEqualTo(2);
        assertThat(tree.summary().inputTokens()).isEqualTo(3_000);
        assertThat(tree.summary().outputTokens()).isEqualTo(800);
    }

    @Test
    void measuresTheTraceFromItsFirstStartToItsLastEnd() {
        TraceTree tree = TraceTree.of(supportAgentRun());

        assertThat(tree.summary().latencyMs()).isEqualTo(2_100.0);
        assertThat(tree.summary().start()).isEqualTo("2026-11-26T14:32:00Z");
        assertThat(tree.summary().end()).isEqualTo("2026-11-26T14:32:02.100Z");
        assertThat(tree.summary().rootName()).isEqualTo("invoke_agent support");
        assertThat(tree.roots().get(0).children().get(0).latencyMs()).isEqualTo(890.0);
    }

    @Test
    void showsSpansWhoseParentNeverArrivedAsRoots() {
        TraceTree tree = TraceTree.of(collected(
                node(AgentSpans.llmCall(TRACE, "b1", "missing", T0, T0.plusMillis(5), "gpt-4o", 10, 10).build()),
                node(AgentSpans.span(TRACE, "c2", "b1", "execute_tool", T0.plusMillis(1), T0.plusMillis(2)).build())));

        assertThat(tree.roots()).extracting(TraceNode::spanId).containsExactly("b1");
        assertThat(tree.roots().get(0).children()).extracting(TraceNode::spanId).containsExactly("c2");
    }

    @Test
    void keepsSpansWhoseParentLinksFormACycle() {
        TraceTree tree = TraceTree.of(collected(
                node(AgentSpans.span(TRACE, "x", "y", "invoke_agent", T0, T0.plusMillis(5)).build()),
                node(AgentSpans.span(TRACE, "y", "x", "invoke_agent", T0.plusMillis(1), T0.plusMillis(4)).build())));

        assertThat(tree.roots()).extracting(TraceNode::spanId).containsExactly("x");
        assertThat(tree.roots().get(0).children()).extracting(TraceNode::spanId).containsExactly("y");
    }

    @Test
    void marksAnUnpricedModelCallWithoutInventingACost() {
        TraceTree tree = TraceTree.of(collected(
                node(AgentSpans.llmCall(TRACE, "b1", null, T0, T0.plusMillis(5), "gpt-does-not-exist", 10, 10)
                        .setError(SpanError.newBuilder().setType("timeout").build()).build())));

        TraceNode call = tree.roots().get(0);
        assertThat(call.costUsd()).isNull();
        assertThat(call.subtreeCostUsd()).isEqualTo("0");
        assertThat(call.error()).isEqualTo("timeout");
        assertThat(tree.summary().unpricedCalls()).isEqualTo(1);
        assertThat(tree.summary().errors()).isEqualTo(1);
    }

    @Test
    void writesTheTotalsBesideTheRootsInJson() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = JsonSerde.MAPPER.readValue(
                JsonSerde.MAPPER.writeValueAsString(TraceTree.of(supportAgentRun())), Map.class);

        assertThat(json).containsEntry("traceId", TRACE).containsEntry("user", "u-42").containsEntry("costUsd", "0.00798")
                .containsKey("roots").doesNotContainKey("summary");
        @SuppressWarnings("unchecked")
        Map<String, Object> root = ((List<Map<String, Object>>) json.get("roots")).get(0);
        assertThat(root).containsEntry("kind", "agent_step").containsEntry("subtreeCostUsd", "0.00798");
    }
}
