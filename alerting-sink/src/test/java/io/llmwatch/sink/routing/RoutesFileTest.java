package io.llmwatch.sink.routing;

import io.llmwatch.sink.SampleAlerts;
import io.llmwatch.sink.grouping.GroupingPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RoutesFileTest {

    private static final RouteTable ROUTES = RoutesFile.parse("""
            defaults:
              group_by: [type, dimension]
              group_wait: 10s
              group_interval: 1m
              repeat_interval: 3h
            routes:
              - name: page
                type: [cost_spike, cost_anomaly]
                severity: critical
                tenant: acme
                key: "support-.*"
                destinations: [pagerduty]
                group_by: [dedupKey]
                group_wait: 0s
                continue: true
              - name: chat
                matchers: ["dimension!=global"]
                destinations: [slack]
              - name: everything-else
                destinations: [webhook]
            """);

    @Test
    void routesByTypeSeverityTenantAndKeyPatternAndContinues() {
        Map<String, Route> chosen = ROUTES.destinationsFor(AlertLabels.of(SampleAlerts.costAnomaly().build()));

        assertThat(chosen.keySet()).containsExactly("pagerduty", "slack");
        assertThat(chosen.get("pagerduty").grouping()).isEqualTo(new GroupingPolicy(GroupingPolicy.BY_ALERT,
                Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(3)));
        assertThat(chosen.get("slack").grouping()).isEqualTo(new GroupingPolicy(List.of("type", "dimension"),
                Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(3)));
    }

    @Test
    void aKeyOutsideThePatternOrAnotherTenantSkipsTheFirstRoute() {
        assertThat(ROUTES.destinationsFor(AlertLabels.of(SampleAlerts.costAnomaly().setDimensionKey("search").build())).keySet())
                .containsExactly("slack");
        assertThat(ROUTES.destinationsFor(AlertLabels.of(SampleAlerts.costAnomaly().setTenant("globex").build())).keySet())
                .containsExactly("slack");
        assertThat(ROUTES.destinationsFor(AlertLabels.of(SampleAlerts.costAnomaly().setDimension("global").setTenant(null).build())).keySet())
                .containsExactly("webhook");
    }

    @Test
    void typeValuesAreLiteralsNotRegexes() {
        RouteTable routes = RoutesFile.parse("routes: [{type: 'cost.spike', destinations: [slack]}]");

        assertThat(routes.destinationsFor(AlertLabels.of(SampleAlerts.costAnomaly().setType("cost_spike").build()))).isEmpty();
    }

    @Test
    void refusesRoutesToDestinationsThatAreNotConfigured() {
        assertThatIllegalArgumentException().isThrownBy(() -> ROUTES.requireDestinations(Set.of("slack", "webhook")))
                .withMessageContaining("route 'page' sends to 'pagerduty'");
    }

    @Test
    void explainsMistakes() {
        assertThatIllegalArgumentException().isThrownBy(() -> RoutesFile.parse("routes: [{destination: [slack]}]"))
                .withMessageContaining("unknown setting 'destination'");
        assertThatIllegalArgumentException().isThrownBy(() -> RoutesFile.parse("routes: [{type: x}]"))
                .withMessageContaining("needs at least one destination");
        assertThatIllegalArgumentException().isThrownBy(() -> RoutesFile.parse("routes: [{destinations: [slack], group_wait: soon}]"))
                .withMessageContaining("Not a duration");
        assertThatIllegalArgumentException().isThrownBy(() -> RoutesFile.parse("rules: []"))
                .withMessageContaining("'routes'");
        assertThatIllegalArgumentException().isThrownBy(() -> RoutesFile.parse("routes: [{key: '(', destinations: [slack]}]"))
                .withMessageContaining("Invalid regex");
    }
}
