package io.llmwatch.launcher.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.agent.LlmCall;
import io.llmwatch.agent.LlmWatch;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.launcher.pipeline.Pipeline;
import io.llmwatch.launcher.pipeline.PipelineSettings;
import io.llmwatch.launcher.pipeline.PipelineSettings.ProcessorRole;
import io.llmwatch.launcher.simulator.SimulatorConfig;
import io.llmwatch.launcher.simulator.TrafficSimulator;
import io.llmwatch.launcher.simulator.TrafficSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in real headless Chromium, on a real processor fed by the traffic simulator: the
 * figures it shows are the API's for the same range, dollars, requests, latencies and charts render,
 * and a trace opens as a tree. It also takes the README's screenshots. Skipped only where Debian's
 * {@code chromium} and {@code chromium-driver} are not installed ({@code .ci/run} installs them).
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class DashboardIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("..").toAbsolutePath().normalize().resolve("docs/screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** The incident changes a prompt version mid-run, so the prompt and issue views have something to show. */
    private static final Duration INCIDENT_AFTER = Duration.ofSeconds(10);
    private static final int CALLS_BEFORE_STOPPING = 800;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Pipeline pipeline;
    private LlmWatch agent;
    private TrafficSimulator simulator;
    private final String applicationId = "dashboard-it-" + UUID.randomUUID();
    private String bootstrapServers;
    private WebDriver browser;
    private String base;
    /** LLM calls the simulator sent: the processor attributes at least these once it has caught up. */
    private final AtomicLong modelCalls = new AtomicLong();

    @BeforeEach
    void start(EmbeddedKafkaBroker kafka) {
        assumeThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Debian's chromium and chromium-driver are installed").isTrue();
        bootstrapServers = kafka.bootstrapServers();
        PipelineSettings settings = PipelineSettings.builder()
                .kafka(bootstrapServers, Map.of())
                .processor(new ProcessorRole(applicationId, Optional.empty(), 0, "127.0.0.1", 0, "127.0.0.1"))
                .build();
        pipeline = Pipeline.start(settings, new PrintWriter(new StringWriter(), true));
        base = "http://127.0.0.1:" + pipeline.apiPort().orElseThrow();
        agent = LlmWatch.builder().bootstrapServers(kafka.bootstrapServers()).serviceName("dashboard-it")
                .shutdownHook(false).build();
        TrafficSink throughTheAgent = TrafficSink.into(agent);
        simulator = TrafficSimulator.start(SimulatorConfig.of(40, 7, INCIDENT_AFTER), interaction -> {
            modelCalls.addAndGet(interaction.spans().stream().filter(DashboardIT::callsAModel).count());
            throughTheAgent.deliver(interaction);
        });
        browser = chromium();
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1440,1000", "--force-device-scale-factor=1");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(driver, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void showsTheApisFiguresAndChartsAndOpensATraceAsATree() throws Exception {
        await().atMost(PATIENCE).until(() -> simulator.requestsDelivered() >= CALLS_BEFORE_STOPPING);
        // Traffic stops so that the page and the API are compared on figures that no longer move.
        simulator.close();
        assertThat(agent.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(agent.counters().dropped()).isZero();
        awaitEverythingAttributed();

        browser.get(base + "/#/");
        await().atMost(PATIENCE).until(() -> "true".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-loaded"))
                && !cardValue("requests").equals("0") && !cardValue("requests").equals("–"));
        // Live updates stop, so every figure read below comes from the same answer.
        browser.findElement(By.id("live")).click();

        WebElement health = browser.findElement(By.id("health"));
        String window = health.getDomAttribute("data-window");
        String from = health.getDomAttribute("data-from");
        String to = health.getDomAttribute("data-to");
        JsonNode totals = getJson("/api/overview?window=" + window + "&from=" + from + "&to=" + to).get("totals");

        assertThat(cardValue("requests")).isEqualTo(String.valueOf(totals.get("calls").asLong())).isNotEqualTo("0");
        assertThat(cardValue("cost")).matches("\\$\\d+\\.\\d{4}")
                .isEqualTo("$" + new BigDecimal(totals.get("costUsd").asText()).setScale(4, RoundingMode.HALF_UP).toPlainString());
        assertThat(cardValue("latencyP50")).matches("\\d+ ms").isEqualTo(totals.get("latencyP50Ms").asLong() + " ms");
        assertThat(cardValue("latencyP95")).matches("\\d+ ms").isEqualTo(totals.get("latencyP95Ms").asLong() + " ms");
        assertThat(new BigDecimal(cardValue("errorRate").replace("%", "")))
                .isEqualByComparingTo(BigDecimal.valueOf(totals.get("errorRate").asDouble() * 100).setScale(2, RoundingMode.HALF_UP));
        assertThat(browser.findElements(By.cssSelector("#chart-cost svg rect.bar"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#chart-latency svg path.line"))).hasSize(3);
        assertQualityChartAndCardShowTheApis(window, from, to);
        assertThat(browser.findElements(By.cssSelector("#cost-table tbody tr[data-key]"))).isNotEmpty();
        Set<String> alertIds = new HashSet<>(getJson("/api/alerts?limit=200").findValuesAsText("alertId"));
        assertThat(browser.findElements(By.cssSelector("#issues-table tr[data-alert]")))
                .allSatisfy(row -> assertThat(alertIds).contains(row.getDomAttribute("data-alert")));
        screenshot("dashboard.png");

        JsonNode trace = aTraceWithSeveralSpans(from, to);
        openInExplorer(trace.get("user").asText(), trace.get("traceId").asText());

        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector("#trace-tree .span-row")).size()
                == trace.get("spanCount").asInt());
        assertThat(browser.findElements(By.cssSelector("#trace-tree .span-row[data-depth='1']"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#trace-tree .span-row .timeline .bar"))).hasSize(trace.get("spanCount").asInt());
        assertThat(browser.findElement(By.cssSelector("#trace-totals [data-total=cost]")).getText())
                .isEqualTo("$" + new BigDecimal(trace.get("costUsd").asText()).setScale(4, RoundingMode.HALF_UP).toPlainString());
        JsonNode tree = getJson("/api/traces/" + trace.get("traceId").asText());
        Set<String> models = new HashSet<>(tree.findValuesAsText("model"));
        models.remove("null");
        assertThat(browser.findElement(By.id("trace-tree")).getText()).contains(models);
        screenshot("trace.png");
    }

    /**
     * Every point of the quality chart is a prompt version's mean quality in one window, exactly as
     * {@code /api/prompts/{name}/quality} answers for the page's range, and the health row's average
     * quality is the mean of all those scores (each version's mean weighted by its number of scores).
     */
    private void assertQualityChartAndCardShowTheApis(String window, String from, String to) throws Exception {
        Set<String> expectedPoints = new HashSet<>();
        double weighted = 0;
        long scores = 0;
        for (String prompt : promptsUsed(window, from, to)) {
            JsonNode versions = getJson("/api/prompts/" + URLEncoder.encode(prompt, StandardCharsets.UTF_8)
                    + "/quality?window=" + window + "&from=" + from + "&to=" + to).get("versions");
            for (JsonNode version : versions) {
                String series = prompt + "@" + version.get("version").asText();
                version.get("windows").forEach(quality -> expectedPoints.add(point(series,
                        quality.get("windowStart").asText(), quality.get("averageQuality").asDouble())));
                if (!version.get("averageQuality").isNull()) {
                    weighted += version.get("averageQuality").asDouble() * version.get("scores").asLong();
                    scores += version.get("scores").asLong();
                }
            }
        }
        Set<String> shownPoints = browser.findElements(By.cssSelector("#chart-quality svg circle.point")).stream()
                .map(shown -> point(shown.getDomAttribute("data-series"), shown.getDomAttribute("data-time"),
                        Double.parseDouble(shown.getDomAttribute("data-value"))))
                .collect(Collectors.toSet());
        assertThat(expectedPoints).as("the simulator scores prompted calls").isNotEmpty();
        assertThat(shownPoints).isEqualTo(expectedPoints);
        assertThat(cardValue("quality")).isEqualTo(
                new BigDecimal(weighted / scores).setScale(3, RoundingMode.HALF_UP).toPlainString());
    }

    /** The prompts the page lists, as it finds them: the prompt dimension's cost rows in the range, versions stripped. */
    private Set<String> promptsUsed(String window, String from, String to) throws Exception {
        Set<String> prompts = new TreeSet<>();
        for (JsonNode row : getJson("/api/cost?by=prompt&window=" + window + "&from=" + from + "&to=" + to)) {
            String key = row.get("key").asText();
            if (!key.equals("(unset)")) {
                prompts.add(key.contains("@") ? key.substring(0, key.lastIndexOf('@')) : key);
            }
        }
        return prompts;
    }

    private static String point(String series, String windowStart, double quality) {
        return series + " " + Instant.parse(windowStart) + " " + quality;
    }

    /**
     * Waits until the processor has consumed everything (its group has no lag on any input, repartition
     * topics included) and the totals hold still across more than a flush interval: the figures no
     * longer move. Other tests' traffic on the shared broker may be counted too; that does not matter,
     * since the page is compared with the API, not with what this test sent.
     */
    private void awaitEverythingAttributed() {
        String everything = "/api/overview?window=1m&from=" + Instant.now().minus(Duration.ofHours(1))
                + "&to=" + Instant.now().plus(Duration.ofHours(1));
        AtomicReference<JsonNode> previous = new AtomicReference<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(3)).until(() -> {
                JsonNode totals = getJsonWhenAvailable(everything).map(overview -> overview.get("totals")).orElse(null);
                boolean settled = totals != null && totals.get("calls").asLong() >= modelCalls.get()
                        && totals.equals(previous.get()) && lag(admin) == 0;
                previous.set(totals);
                return settled;
            });
        }
    }

    private long lag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(
                committed.keySet().stream().collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest())),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        return committed.entrySet().stream()
                .mapToLong(entry -> ends.get(entry.getKey()).offset() - entry.getValue().offset()).sum();
    }

    /** As the processor decides what it attributes: spans that name a model. */
    private static boolean callsAModel(LlmCall call) {
        return call.requestModel().filter(model -> !model.isBlank()).isPresent()
                || call.responseModel().filter(model -> !model.isBlank()).isPresent();
    }

    private JsonNode aTraceWithSeveralSpans(String from, String to) throws Exception {
        for (JsonNode row : getJson("/api/cost?by=user&window=1m&from=" + from + "&to=" + to)) {
            for (JsonNode trace : getJson("/api/traces?user=" + URLEncoder.encode(row.get("key").asText(), StandardCharsets.UTF_8))) {
                if (trace.get("spanCount").asInt() > 2 && trace.get("droppedSpans").asInt() == 0) {
                    return trace;
                }
            }
        }
        throw new AssertionError("the simulator made no agent workflow trace");
    }

    private void openInExplorer(String user, String traceId) {
        browser.get(base + "/#/traces");
        WebElement userField = browser.findElement(By.id("trace-user"));
        await().atMost(PATIENCE).until(() -> !browser.findElement(By.id("trace-from")).getDomProperty("value").isEmpty());
        userField.sendKeys(user);
        browser.findElement(By.cssSelector("#trace-search button[type=submit]")).click();
        By result = By.cssSelector("#trace-results tr[data-trace='" + traceId + "'] a");
        await().atMost(PATIENCE).until(() -> !browser.findElements(result).isEmpty());
        browser.findElement(result).click();
    }

    private String cardValue(String metric) {
        return browser.findElement(By.cssSelector(".card[data-metric='" + metric + "'] .value")).getText();
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name), png);
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Empty while the processor answers 503 (starting, rebalancing). */
    private Optional<JsonNode> getJsonWhenAvailable(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 503 ? Optional.empty() : Optional.of(JSON.readTree(response.body()));
    }
}
