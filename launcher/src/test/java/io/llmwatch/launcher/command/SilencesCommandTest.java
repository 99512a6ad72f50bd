package io.llmwatch.launcher.command;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.llmwatch.launcher.LlmWatchCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./llmwatch silences} against WireMock standing in for the sink's API. */
class SilencesCommandTest {

    private final WireMockServer sinkApi = new WireMockServer(options().dynamicPort());
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        sinkApi.start();
    }

    @AfterEach
    void stop() {
        sinkApi.stop();
    }

    @Test
    void addPostsTheMatchersDurationAuthorAndComment() {
        sinkApi.stubFor(post("/api/silences").willReturn(aResponse().withStatus(201).withBody("{\"id\":\"s-1\",\"status\":\"active\"}")));

        int exit = run("silences", "add", "-m", "tenant=acme", "--matcher", "type=~cost_.*", "--duration", "90m",
                "--created-by", "alice", "--comment", "migration");

        assertThat(exit).isZero();
        sinkApi.verify(postRequestedFor(urlEqualTo("/api/silences")).withRequestBody(equalToJson("""
                {"matchers": ["tenant=acme", "type=~cost_.*"], "duration": "90m", "createdBy": "alice", "comment": "migration"}""")));
        assertThat(out.toString()).contains("\"id\" : \"s-1\"");
    }

    @Test
    void listAndExpireUseTheApi() {
        sinkApi.stubFor(get("/api/silences").willReturn(aResponse().withBody("{\"silences\":[]}")));
        sinkApi.stubFor(delete("/api/silences/s-1").willReturn(aResponse().withBody("{\"id\":\"s-1\",\"status\":\"expired\"}")));

        assertThat(run("silences", "list")).isZero();
        assertThat(run("silences", "expire", "s-1")).isZero();

        sinkApi.verify(deleteRequestedFor(urlEqualTo("/api/silences/s-1")));
        assertThat(out.toString()).contains("\"silences\" : [ ]", "\"status\" : \"expired\"");
    }

    @Test
    void anErrorAnswerGoesToStderrWithExitCode1() {
        sinkApi.stubFor(post("/api/silences").willReturn(aResponse().withStatus(400).withBody("{\"error\":\"bad matcher\"}")));

        assertThat(run("silences", "add", "-m", "tenant")).isEqualTo(1);

        assertThat(err.toString()).contains("bad matcher");
    }

    @Test
    void sendsTheTokenAsABearerHeaderAndAWrongOrMissingOneFailsWithTheApisReason() {
        sinkApi.stubFor(get("/api/silences").withHeader("Authorization", equalTo("Bearer analyst-token-0123456789"))
                .willReturn(aResponse().withBody("{\"silences\":[]}")));
        sinkApi.stubFor(get("/api/silences").withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"a valid bearer token is needed\"}")));

        assertThat(run("silences", "list", "--token", "analyst-token-0123456789")).isZero();
        assertThat(run("silences", "list")).isEqualTo(1);

        sinkApi.verify(getRequestedFor(urlEqualTo("/api/silences")).withHeader("Authorization", equalTo("Bearer analyst-token-0123456789")));
        assertThat(err.toString()).contains("a valid bearer token is needed");
    }

    private int run(String... args) {
        CommandLine cli = LlmWatchCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] withUrl = new String[args.length + 1];
        System.arraycopy(args, 0, withUrl, 0, args.length);
        withUrl[args.length] = "--sink-url=" + sinkApi.baseUrl();
        return cli.execute(withUrl);
    }
}
