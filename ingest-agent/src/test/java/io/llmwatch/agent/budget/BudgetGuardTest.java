package io.llmwatch.agent.budget;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard against a real HTTP server standing in for the processor's budget API. */
class BudgetGuardTest {

    private HttpServer server;
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final List<String> requestedPaths = new CopyOnWriteArrayList<>();
    private BudgetGuard guard;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/budgets/", exchange -> {
            requestedPaths.add(exchange.getRequestURI().getRawPath());
            String body = answer.get();
            byte[] bytes = (body == null ? "{\"error\":\"down\"}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 503 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (guard != null) {
            guard.close();
        }
        server.stop(0);
    }

    private URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static String status(String hourRemaining, String dayRemaining, boolean exceeded) {
        return """
                {"key":"tenant|acme","hourlyCapUsd":10,"dailyCapUsd":100,
                 "hour":{"periodStartMillis":0,"capUsd":10,"spentUsd":0,"remainingUsd":%s},
                 "day":{"periodStartMillis":0,"capUsd":100,"spentUsd":0,"remainingUsd":%s},"exceeded":%s}
                """.formatted(hourRemaining, dayRemaining, exceeded);
    }

    private BudgetGuard guard(BudgetGuard.Builder builder) {
        guard = builder.refreshInterval(Duration.ofHours(1)).build();
        return guard;
    }

    @Test
    void choosesTheFallbackModelOnceTheBudgetIsExceededAndCallsBackOnce() {
        List<BudgetSnapshot> exceeded = new ArrayList<>();
        BudgetGuard guard = guard(BudgetGuard.builder(api(), "tenant|acme").onBudgetExceeded(exceeded::add));

        answer.set(status("4.5", "80", false));
        guard.refresh();
        assertThat(guard.choose("gpt-4o", "gpt-4o-mini")).isEqualTo("gpt-4o");
        assertThat(guard.snapshot().remainingUsd()).contains(new BigDecimal("4.5"));

        answer.set(status("0", "70", true));
        guard.refresh();
        guard.refresh();
        assertThat(guard.choose("gpt-4o", "gpt-4o-mini")).isEqualTo("gpt-4o-mini");
        assertThat(exceeded).hasSize(1);
        assertThat(requestedPaths).allMatch(path -> path.equals("/api/budgets/tenant%7Cacme"));
    }

    @Test
    void fallsBackWhileLessThanTheReserveRemains() {
        BudgetGuard guard = guard(BudgetGuard.builder(api(), "tenant|acme").fallBackBelowUsd(new BigDecimal("5")));

        answer.set(status("4.5", "80", false));
        guard.refresh();

        assertThat(guard.shouldFallBack()).isTrue();
    }

    @Test
    void keepsTheLastKnownStatusWhileTheApiIsDown() {
        BudgetGuard guard = guard(BudgetGuard.builder(api(), "tenant|acme"));
        answer.set(status("0", "70", true));
        guard.refresh();

        answer.set(null);
        guard.refresh();

        assertThat(guard.snapshot().exceeded()).isTrue();
        assertThat(guard.choose("gpt-4o", "gpt-4o-mini")).isEqualTo("gpt-4o-mini");
    }

    @Test
    void allowsThePrimaryModelBeforeAnyAnswer() {
        answer.set(null);
        BudgetGuard guard = guard(BudgetGuard.builder(URI.create("http://127.0.0.1:1"), "tenant|acme")
                .requestTimeout(Duration.ofMillis(200)));

        guard.refresh();

        assertThat(guard.choose("gpt-4o", "gpt-4o-mini")).isEqualTo("gpt-4o");
    }

    @Test
    void rejectsAKeyWithoutADimension() {
        assertThatThrownBy(() -> BudgetGuard.builder(api(), "acme")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension|value");
    }
}
