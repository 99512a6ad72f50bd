package io.llmwatch.processor.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.llmwatch.processor.cost.CostAggregate;
import io.llmwatch.processor.cost.Money;
import io.llmwatch.processor.query.OverviewQueries;
import io.llmwatch.processor.query.WindowTotal;
import io.llmwatch.processor.topology.TopologySettings;
import io.llmwatch.processor.topology.WindowSpec;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/overview?window=1m|1h|1d[&from=ISO&to=ISO]}: everything attributed in the windows
 * that start within [from, to], all keys together: calls, errors, error rate, exact cost, tokens and
 * latency percentiles, in total and window by window (oldest first). The dashboard's health row and
 * time charts read it. The same defaults as {@code /api/cost}: without {@code from}, 60 windows
 * before {@code to}; without {@code to}, now.
 *
 * <p>Each instance holds some keys of every window, so shares are merged per window by adding
 * their aggregates (latency sketches merge). With {@code scope=local} the answer is this instance's
 * raw shares, sketches included: that is what instances send each other.
 */
final class OverviewHandler implements ApiHandler {

    private static final TypeReference<List<WindowTotal>> SHARES = new TypeReference<>() { };

    private final ClusterQueries cluster;
    private final OverviewQueries queries;
    private final TopologySettings settings;
    private final Clock clock;

    OverviewHandler(ClusterQueries cluster, OverviewQueries queries, TopologySettings settings, Clock clock) {
        this.cluster = cluster;
        this.queries = queries;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        WindowSpec window = settings.window(request.parameter("window").orElse("1m"));
        WindowRange range = WindowRange.of(request, window, clock);
        Instant from = range.from();
        Instant to = range.to();
        List<WindowTotal> shares = cluster.fromAll(window.storeName(), request,
                () -> queries.windowTotals(window, from, to), SHARES);
        if (request.localScope()) {
            return ApiResponse.ok(shares);
        }
        Map<Long, WindowTotal> byStart = new TreeMap<>();
        shares.forEach(share -> byStart.merge(share.windowStartMillis(), share, WindowTotal::plus));
        CostAggregate total = byStart.values().stream().map(WindowTotal::total).reduce(CostAggregate.EMPTY, CostAggregate::plus);
        List<Figures> series = byStart.values().stream()
                .map(share -> Figures.of(Instant.ofEpochMilli(share.windowStartMillis()),
                        Instant.ofEpochMilli(share.windowEndMillis()), share.total()))
                .toList();
        return ApiResponse.ok(new Overview(window.label(), from.toString(), to.toString(), Figures.of(from, to, total), series));
    }

    /** @param totals the whole range; {@code windowStart} and {@code windowEnd} are the range's from and to */
    record Overview(String window, String from, String to, Figures totals, List<Figures> series) {
    }

    /**
     * @param errorRate errors ÷ calls, {@code null} without calls
     * @param costUsd   exact USD of the priced calls, a decimal string
     */
    record Figures(String windowStart, String windowEnd, long calls, long errors, Double errorRate, long unpricedCalls,
                   String costUsd, long inputTokens, long outputTokens, long latencyP50Ms, long latencyP95Ms,
                   long latencyP99Ms) {

        static Figures of(Instant start, Instant end, CostAggregate total) {
            return new Figures(start.toString(), end.toString(), total.calls(), total.errors(),
                    total.calls() == 0 ? null : (double) total.errors() / total.calls(), total.unpricedCalls(),
                    Money.format(total.costUsd()), total.inputTokens(), total.outputTokens(),
                    total.latency().quantile(0.5), total.latency().quantile(0.95), total.latency().quantile(0.99));
        }
    }
}
