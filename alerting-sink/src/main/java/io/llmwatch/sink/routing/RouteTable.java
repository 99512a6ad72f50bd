package io.llmwatch.sink.routing;

import io.llmwatch.sink.grouping.GroupingPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routes, tried in order: the first matching route decides, unless it says {@code continue}, in
 * which case later routes may add destinations. An alert no route matches goes nowhere (it is logged
 * and committed), which is how a routes file drops noise on purpose.
 */
public final class RouteTable {

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** Without a routes file: everything to every configured destination, each incident on its own, at once. */
    public static RouteTable everythingTo(Set<String> destinations) {
        return new RouteTable(List.of(new Route("default", List.of(), List.copyOf(destinations), GroupingPolicy.IMMEDIATE, false)));
    }

    public List<Route> routes() {
        return routes;
    }

    /** Destination name to the route that sends the alert there (the first one, if several would). */
    public Map<String, Route> destinationsFor(Map<String, String> labels) {
        Map<String, Route> chosen = new LinkedHashMap<>();
        for (Route route : routes) {
            if (!route.matches(labels)) {
                continue;
            }
            route.destinations().forEach(destination -> chosen.putIfAbsent(destination, route));
            if (!route.continueMatching()) {
                break;
            }
        }
        return chosen;
    }

    /** @throws IllegalArgumentException naming a route that sends to a destination that is not configured */
    public void requireDestinations(Set<String> configured) {
        List<String> problems = new ArrayList<>();
        for (Route route : routes) {
            for (String destination : route.destinations()) {
                if (!configured.contains(destination)) {
                    problems.add("route '" + route.name() + "' sends to '" + destination + "', which is not configured");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems) + " (configured: " + configured + ")");
        }
    }
}
