package io.llmwatch.sink.routing;

import io.llmwatch.sink.grouping.GroupingPolicy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One rule of the routes file: alerts whose labels satisfy every matcher go to these destinations,
 * grouped by this policy. {@code continueMatching} lets later routes match the same alert too.
 *
 * @param name         shown in logs and part of the group key, so two routes never share a group
 * @param destinations names of configured destinations: {@code slack}, {@code pagerduty}, {@code webhook}
 */
public record Route(String name, List<Matcher> matchers, List<String> destinations, GroupingPolicy grouping,
                    boolean continueMatching) {

    public Route {
        Objects.requireNonNull(name, "name");
        matchers = List.copyOf(matchers);
        destinations = List.copyOf(destinations);
        Objects.requireNonNull(grouping, "grouping");
    }

    public boolean matches(Map<String, String> labels) {
        return matchers.stream().allMatch(matcher -> matcher.matches(labels));
    }
}
