package io.llmwatch.launcher.command;

import com.sun.net.httpserver.HttpServer;
import io.llmwatch.launcher.LlmWatchCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class QueryCommandTest {

    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private HttpServer api;
    private int status = 200;
    private String answer = "[{\"key\":\"gpt-4o\",\"costUsd\":\"0.0075\"}]";

    @BeforeEach
    void startApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            requested.add(exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(body);
            }
        });
        api.start();
    }

    @AfterEach
    void stopApi() {
        api.stop(0);
    }

    private int query(String... args) {
        CommandLine cli = LlmWatchCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] withUrl = new String[args.length + 2];
        withUrl[0] = "query";
        System.arraycopy(args, 0, withUrl, 1, args.length);
        withUrl[args.length + 1] = "--url=http://127.0.0.1:" + api.getAddress().getPort();
        return cli.execute(withUrl);
    }

    @Test
    void asksForCostWithTheGivenOptionsAndPrintsTheJsonIndented() {
        int exitCode = query("cost", "--by", "model", "--window", "1m", "--from", "2026-11-26T14:00:00Z");

        assertThat(exitCode).isZero();
        assertThat(requested).containsExactly("/api/cost?by=model&window=1m&from=2026-11-26T14%3A00%3A00Z");
        assertThat(out.toString()).contains("\"costUsd\" : \"0.0075\"").contains(System.lineSeparator() + "  ");
    }

    @Test
    void reachesEveryEndpointOfTheApi() {
        query("health");
        query("alerts", "--limit", "5");
        query("trace", "4bf92f3577b34da6a3ce929d0e0e4736");
        query("traces", "--user", "u 42", "--limit", "10");
        query("prompts", "support answer");
        query("quality", "support answer", "--window", "1m", "--to", "2026-11-26T14:32:00Z");

        assertThat(requested).containsExactly(
                "/api/health",
                "/api/alerts?limit=5",
                "/api/traces/4bf92f3577b34da6a3ce929d0e0e4736",
                "/api/traces?user=u+42&limit=10",
                "/api/prompts/support%20answer/versions",
                "/api/prompts/support%20answer/quality?window=1m&to=2026-11-26T14%3A32%3A00Z");
    }

    @Test
    void asksForTheTopSpendersOfAWindow() {
        int exitCode = query("top", "--by", "user", "--window", "1h", "--n", "3", "--at", "2026-11-26T14:32:00Z");

        assertThat(exitCode).isZero();
        assertThat(requested).containsExactly("/api/cost/top?by=user&window=1h&n=3&at=2026-11-26T14%3A32%3A00Z");
    }

    @Test
    void printsTheAnswerAsItCameWhenCompact() {
        query("cost", "--by", "model", "--compact");

        assertThat(out.toString().trim()).isEqualTo(answer);
    }

    @Test
    void reportsAnErrorAnswerOnStderrWithExitCodeOne() {
        status = 404;
        answer = "{\"error\":\"no trace abc\"}";

        int exitCode = query("trace", "abc");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("no trace abc");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void saysInOneLineWhenNoInstanceListens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CommandLine cli = LlmWatchCli.commandLine();
        cli.setErr(new PrintWriter(err));

        int exitCode = cli.execute("query", "--url", "http://127.0.0.1:" + closedPort, "health");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).startsWith("llmwatch health: cannot reach").doesNotContain("\tat ");
    }
}
