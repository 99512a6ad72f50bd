package io.llmwatch.agent.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The agent side of a budget: caches what remains of one budget key (e.g. {@code tenant|acme}) from the
 * processor's {@code GET /api/budgets/{key}}, refreshed in the background, so that an app can pick a cheaper model
 * before it overspends: the seed's "cost-aware client".
 *
 * <pre>
 * BudgetGuard guard = BudgetGuard.builder(URI.create("http://llmwatch:8080"), "tenant|acme")
 *         .fallBackBelowUsd(new BigDecimal("5"))
 *         .onBudgetExceeded(snapshot -&gt; log.warn("acme is over budget, using the small model"))
 *         .build();
 * String model = guard.choose("gpt-4o", "gpt-4o-mini");
 * </pre>
 *
 * Like the rest of the agent it never blocks or throws on the caller's thread: {@link #choose} reads the cache.
 * When the API cannot be reached the last known answer stands; before any answer the guard allows the primary model
 * (a monitoring outage must not degrade the product).
 */
public final class BudgetGuard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String key;
    private final URI budgetUri;
    private final BigDecimal fallBackBelowUsd;
    private final Consumer<BudgetSnapshot> onBudgetExceeded;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final ScheduledExecutorService refresher;
    private volatile BudgetSnapshot snapshot;

    private BudgetGuard(Builder builder) {
        this.key = builder.key;
        this.budgetUri = builder.apiUrl.resolve("/api/budgets/" + URLEncoder.encode(builder.key, StandardCharsets.UTF_8));
        this.fallBackBelowUsd = builder.fallBackBelowUsd;
        this.onBudgetExceeded = builder.onBudgetExceeded;
        this.requestTimeout = builder.requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(builder.requestTimeout).build();
        this.snapshot = BudgetSnapshot.unknown(builder.key);
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "llmwatch-budget-guard");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, builder.refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @param apiUrl the processor's query API, e.g. {@code http://localhost:8080} */
    public static Builder builder(URI apiUrl, String budgetKey) {
        return new Builder(apiUrl, budgetKey);
    }

    /** The primary model while budget remains, the fallback once the budget is spent (or nearly, see the builder). */
    public String choose(String primaryModel, String fallbackModel) {
        return shouldFallBack() ? fallbackModel : primaryModel;
    }

    public boolean shouldFallBack() {
        BudgetSnapshot current = snapshot;
        return current.exceeded() || current.remainingUsd().map(left -> left.compareTo(fallBackBelowUsd) < 0).orElse(false);
    }

    public BudgetSnapshot snapshot() {
        return snapshot;
    }

    /** Asks the processor now; the background refresh calls this too. Never throws. */
    public void refresh() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(budgetUri).timeout(requestTimeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.debug("Budget {}: the API answered {}, keeping the last known status", key, response.statusCode());
                return;
            }
            update(parse(JSON.readTree(response.body())));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Budget {}: cannot reach {} ({}), keeping the last known status", key, budgetUri, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void update(BudgetSnapshot next) {
        boolean newlyExceeded = next.exceeded() && !snapshot.exceeded();
        snapshot = next;
        if (newlyExceeded) {
            try {
                onBudgetExceeded.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("Budget {}: the onBudgetExceeded callback failed", key, e);
            }
        }
    }

    private BudgetSnapshot parse(JsonNode status) {
        Optional<BigDecimal> remaining = Stream.of(status.path("hour"), status.path("day"))
                .filter(period -> period.hasNonNull("remainingUsd"))
                .map(period -> new BigDecimal(period.get("remainingUsd").asText()))
                .min(BigDecimal::compareTo);
        return new BudgetSnapshot(key, remaining, status.path("exceeded").asBoolean(false), Instant.now());
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }

    /** Builds a {@link BudgetGuard}; only the API URL and the budget key are required. */
    public static final class Builder {

        public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(10);
        public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);

        private final URI apiUrl;
        private final String key;
        private BigDecimal fallBackBelowUsd = BigDecimal.ZERO;
        private Consumer<BudgetSnapshot> onBudgetExceeded = snapshot -> { };
        private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        private Builder(URI apiUrl, String key) {
            this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl");
            this.key = Objects.requireNonNull(key, "budgetKey");
            if (key.indexOf('|') < 0) {
                throw new IllegalArgumentException("a budget key is dimension|value, e.g. tenant|acme; got '" + key + "'");
            }
        }

        /** Fall back already while less than this remains, so calls under way do not overshoot the cap. */
        public Builder fallBackBelowUsd(BigDecimal usd) {
            if (Objects.requireNonNull(usd, "usd").signum() < 0) {
                throw new IllegalArgumentException("fallBackBelowUsd must not be negative: " + usd);
            }
            this.fallBackBelowUsd = usd;
            return this;
        }

        /** Called once each time the budget becomes exceeded, on the guard's background thread. */
        public Builder onBudgetExceeded(Consumer<BudgetSnapshot> callback) {
            this.onBudgetExceeded = Objects.requireNonNull(callback, "callback");
            return this;
        }

        public Builder refreshInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("refreshInterval must be positive: " + interval);
            }
            this.refreshInterval = interval;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive: " + timeout);
            }
            this.requestTimeout = timeout;
            return this;
        }

        public BudgetGuard build() {
            return new BudgetGuard(this);
        }
    }
}
