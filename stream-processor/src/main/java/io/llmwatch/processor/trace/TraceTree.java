package io.llmwatch.processor.trace;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trace as {@code GET /api/traces/{traceId}} returns it: its totals, then its spans as a tree.
 * A span whose parent never arrived (or was past the cap) is shown as a root rather than lost.
 */
public record TraceTree(@JsonUnwrapped TraceSummary summary, List<TraceNode> roots) {

    private static final Comparator<TraceSpan> IN_START_ORDER = Comparator
            .comparingLong(TraceSpan::startUnixNano).thenComparing(TraceSpan::spanId);

    public static TraceTree of(CollectedTrace trace) {
        List<TraceSpan> inStartOrder = trace.spans().stream().sorted(IN_START_ORDER).toList();
        Set<String> spanIds = new HashSet<>();
        inStartOrder.forEach(span -> spanIds.add(span.spanId()));
        Map<String, List<TraceSpan>> childrenByParent = new HashMap<>();
        List<TraceSpan> rootSpans = new ArrayList<>();
        for (TraceSpan span : inStartOrder) {
            if (span.parentSpanId() == null || !spanIds.contains(span.parentSpanId())) {
                rootSpans.add(span);
            } else {
                childrenByParent.computeIfAbsent(span.parentSpanId(), parent -> new ArrayList<>()).add(span);
            }
        }
        Set<String> placed = new HashSet<>();
        List<TraceNode> roots = new ArrayList<>();
        rootSpans.forEach(root -> roots.add(node(root, childrenByParent, placed)));
        // Spans whose parent links form a cycle are reachable from no root; show them rather than drop them.
        for (TraceSpan span : inStartOrder) {
            if (!placed.contains(span.spanId())) {
                roots.add(node(span, childrenByParent, placed));
            }
        }
        return new TraceTree(TraceSummary.of(trace), roots);
    }

    private static TraceNode node(TraceSpan span, Map<String, List<TraceSpan>> childrenByParent, Set<String> placed) {
        placed.add(span.spanId());
        List<TraceNode> children = new ArrayList<>();
        for (TraceSpan child : childrenByParent.getOrDefault(span.spanId(), List.of())) {
            if (!placed.contains(child.spanId())) {
                children.add(node(child, childrenByParent, placed));
            }
        }
        return TraceNode.of(span, children);
    }
}
