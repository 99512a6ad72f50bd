package io.llmwatch.processor.api;

import io.llmwatch.processor.api.auth.ApiAccess;
import io.llmwatch.processor.detection.DetectionQueries;
import io.llmwatch.processor.prompt.PromptVersionQueries;
import io.llmwatch.processor.query.LocalStateQueries;
import io.llmwatch.processor.query.OverviewQueries;
import io.llmwatch.processor.query.StoreLocator;
import io.llmwatch.processor.topology.TopologySettings;
import io.llmwatch.processor.trace.TraceQueries;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/** The query API's endpoints and what answers each; the switch is exhaustive, so none goes unanswered. */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    /** @param self how other instances reach this one: the advertised {@code application.server} */
    public static Map<Endpoint, ApiHandler> of(KafkaStreams streams, HostInfo self, TopologySettings settings, Clock clock) {
        return of(streams, self, settings, clock, ApiAccess.open());
    }

    /** @param access what other instances require; forwarded requests carry this instance's credential */
    public static Map<Endpoint, ApiHandler> of(KafkaStreams streams, HostInfo self, TopologySettings settings, Clock clock,
                                               ApiAccess access) {
        LocalStateQueries queries = new LocalStateQueries(streams);
        TraceQueries traces = new TraceQueries(streams);
        ClusterQueries cluster = new ClusterQueries(new StoreLocator(streams, self), new PeerClient(access.peerAuthorization()));
        DetectionQueries detection = new DetectionQueries(streams, settings.detection());
        Map<Endpoint, ApiHandler> routes = new EnumMap<>(Endpoint.class);
        for (Endpoint endpoint : Endpoint.values()) {
            routes.put(endpoint, switch (endpoint) {
                case HEALTH -> new HealthHandler(streams);
                case OPENAPI -> new OpenApiHandler();
                case COST -> new StateQueryGuard(streams, new CostHandler(cluster, queries, settings, clock));
                case COST_TOP -> new StateQueryGuard(streams, new TopCostHandler(cluster, queries, settings, clock));
                case ALERTS -> new StateQueryGuard(streams, new AlertsHandler(cluster, queries));
                case TRACES -> new StateQueryGuard(streams, new TraceSearchHandler(cluster, traces, clock));
                case TRACE -> new StateQueryGuard(streams, new TraceHandler(cluster, traces));
                case PROMPT_VERSIONS -> new StateQueryGuard(streams,
                        new PromptVersionsHandler(cluster, new PromptVersionQueries(streams)));
                case PROMPT_DRIFT -> new StateQueryGuard(streams, new PromptDriftHandler(cluster, detection));
                case PROMPT_QUALITY -> new StateQueryGuard(streams,
                        new PromptQualityHandler(cluster, new PromptVersionQueries(streams), settings, clock));
                case BUDGETS -> new StateQueryGuard(streams, new BudgetsHandler(detection));
                case BUDGET -> new StateQueryGuard(streams, new BudgetHandler(cluster, detection, clock));
                case OVERVIEW -> new StateQueryGuard(streams,
                        new OverviewHandler(cluster, new OverviewQueries(streams), settings, clock));
            });
        }
        return routes;
    }
}
