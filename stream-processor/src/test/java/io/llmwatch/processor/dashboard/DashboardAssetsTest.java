package io.llmwatch.processor.dashboard;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's files over real HTTP: the page at {@code /}, its script and style, nothing else. */
class DashboardAssetsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(DashboardAssets.ROOT, new DashboardAssets());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> request(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageAtTheRootAndTheFilesItLoads() throws Exception {
        HttpResponse<String> page = request("GET", "/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.body()).contains("/dashboard/dashboard.js", "/dashboard/charts.js", "/dashboard/dashboard.css");
        assertThat(request("GET", "/dashboard/dashboard.js").headers().firstValue("Content-Type"))
                .contains("text/javascript; charset=utf-8");
        assertThat(request("GET", "/dashboard/dashboard.css").headers().firstValue("Content-Type"))
                .contains("text/css; charset=utf-8");
        assertThat(request("GET", "/dashboard/charts.js").body()).contains("stackedBars");
    }

    @Test
    void theScriptReadsOnlyThePublicApi() throws Exception {
        String script = request("GET", "/dashboard/dashboard.js").body();

        assertThat(script).contains("/api/overview", "/api/cost", "/api/alerts", "/api/traces", "/api/prompts/");
        assertThat(script).doesNotContain("http://", "https://");
    }

    @Test
    void anythingElseIsNotFoundAndOnlyReadsAreAllowed() throws Exception {
        assertThat(request("GET", "/dashboard/../../secret").statusCode()).isEqualTo(404);
        assertThat(request("GET", "/index.html").statusCode()).isEqualTo(404);
        assertThat(request("GET", "/dashboard/missing.js").statusCode()).isEqualTo(404);
        assertThat(request("POST", "/").statusCode()).isEqualTo(405);
        assertThat(request("HEAD", "/").statusCode()).isEqualTo(200);
    }
}
