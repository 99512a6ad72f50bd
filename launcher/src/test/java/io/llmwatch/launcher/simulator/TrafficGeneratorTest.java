package io.llmwatch.launcher.simulator;

import io.llmwatch.agent.LlmCall;
import io.llmwatch.agent.Operation;
import io.llmwatch.agent.TokenUsage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrafficGeneratorTest {

    private static final Instant START = Instant.parse("2025-11-06T12:00:00Z");
    private static final Duration INCIDENT_AFTER = Duration.ofMinutes(10);
    private static final SimulatorConfig CONFIG = SimulatorConfig.of(40, 42, INCIDENT_AFTER);

    @Test
    void theSameSeedAndInstantsReplayTheSameTraffic() {
        Function<LlmCall, String> fingerprint = call -> String.join("|", call.traceId(), call.spanId(), call.name(),
                call.usage().toString(), call.attribution().toString(), call.startTime().toString(), call.endTime().toString());

        List<String> first = spans(traffic(new TrafficGenerator(CONFIG, new Random(7), START), START, 500)).stream().map(fingerprint).toList();
        List<String> second = spans(traffic(new TrafficGenerator(CONFIG, new Random(7), START), START, 500)).stream().map(fingerprint).toList();
        List<String> otherSeed = spans(traffic(new TrafficGenerator(CONFIG, new Random(8), START), START, 500)).stream().map(fingerprint).toList();

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void everyTenantAndFeatureIsBusyAndAFewUsersMakeMostRequests() {
        List<Interaction> traffic = traffic(generator(), START, 5000);

        assertThat(traffic).extracting(interaction -> tenant(interaction.root()))
                .contains("acme", "globex", "initech", "umbrella", "hooli");
        assertThat(traffic).extracting(interaction -> interaction.root().attribution().feature().orElseThrow())
                .containsAll(SimulatedApp.FEATURE_NAMES);
        Map<String, Long> acmeRequestsByUser = traffic.stream().map(Interaction::root)
                .filter(call -> tenant(call).equals("acme"))
                .collect(Collectors.groupingBy(call -> call.attribution().user().orElseThrow(), Collectors.counting()));
        List<Long> busiestFirst = acmeRequestsByUser.values().stream().sorted((a, b) -> Long.compare(b, a)).toList();
        assertThat(busiestFirst.get(0)).as("the busiest acme user against the median one")
                .isGreaterThan(10 * busiestFirst.get(busiestFirst.size() / 2));
    }

    @Test
    void modelCallsNameRealCatalogueModelsAndFollowTheTokenConventions() {
        List<LlmCall> calls = spans(traffic(generator(), START, 3000)).stream()
                .filter(call -> call.requestModel().isPresent()).toList();

        assertThat(calls).extracting(call -> call.provider().orElseThrow() + "/" + call.requestModel().orElseThrow())
                .containsOnly("openai/gpt-4o", "openai/gpt-4o-mini", "openai/o4-mini", "openai/text-embedding-3-small",
                        "anthropic/claude-3-5-haiku-latest", "anthropic/claude-sonnet-4-5", "google/gemini-2.5-flash");
        assertThat(calls).allSatisfy(call -> {
            TokenUsage usage = call.usage();
            assertThat(usage.cacheReadTokens() + usage.cacheWriteTokens()).isLessThanOrEqualTo(usage.inputTokens());
            assertThat(usage.reasoningTokens()).isLessThanOrEqualTo(usage.outputTokens());
            assertThat(call.endTime()).isAfterOrEqualTo(call.startTime());
            assertThat(call.traceId()).matches("[0-9a-f]{32}");
        });
        assertThat(calls).anySatisfy(call -> assertThat(call.usage().reasoningTokens()).isPositive());
        assertThat(calls).anySatisfy(call -> assertThat(call.usage().cacheReadTokens()).isPositive());
        assertThat(calls).anySatisfy(call -> assertThat(call.usage().cacheWriteTokens()).isPositive());
    }

    @Test
    void someCallsFailAndSomeAreCutOffAtMaxTokens() {
        List<LlmCall> chats = spans(traffic(generator(), START, 10_000)).stream()
                .filter(call -> call.operation() == Operation.CHAT).toList();

        double failed = chats.stream().filter(call -> call.error().isPresent()).count() / (double) chats.size();
        assertThat(failed).isCloseTo(CallSampler.ERROR_RATE, within(0.01));
        assertThat(chats).filteredOn(call -> call.finishReasons().contains("length"))
                .isNotEmpty()
                .allSatisfy(call -> assertThat(call.usage().outputTokens()).isEqualTo(call.requestParams().orElseThrow().maxTokens().orElseThrow()));
        assertThat(chats).filteredOn(call -> call.error().isPresent())
                .allSatisfy(call -> assertThat(call.usage()).isEqualTo(TokenUsage.NONE));
    }

    @Test
    void anAgentRunIsOneTraceOfStepsInsideTheRun() {
        List<Interaction> runs = traffic(generator(), START, 2000).stream()
                .filter(interaction -> interaction.root().operation() == Operation.INVOKE_AGENT).toList();

        assertThat(runs).isNotEmpty().allSatisfy(run -> {
            LlmCall root = run.root();
            assertThat(root.parentSpanId()).isEmpty();
            assertThat(root.agentName()).contains(AgentWorkflowSampler.AGENT_NAME);
            Set<String> spanIds = run.spans().stream().map(LlmCall::spanId).collect(Collectors.toSet());
            assertThat(spanIds).hasSameSizeAs(run.spans());
            assertThat(run.spans()).extracting(LlmCall::traceId).containsOnly(root.traceId());
            assertThat(run.spans()).filteredOn(span -> span != root).allSatisfy(step -> {
                assertThat(spanIds).contains(step.parentSpanId().orElseThrow());
                assertThat(step.startTime()).isAfterOrEqualTo(root.startTime());
                assertThat(step.endTime()).isBeforeOrEqualTo(root.endTime());
            });
            assertThat(run.spans()).extracting(LlmCall::operation)
                    .contains(Operation.EMBEDDINGS, Operation.RETRIEVAL, Operation.CHAT, Operation.EXECUTE_TOOL);
        });
        assertThat(runs).flatExtracting(Interaction::spans)
                .anySatisfy(step -> assertThat(step.finishReasons()).containsExactly("tool_calls"));
    }

    @Test
    void theIncidentInflatesItsFeaturesPromptsAndSwitchesModelOnlyAfterItStarts() {
        TrafficGenerator generator = generator();
        List<LlmCall> before = chats(traffic(generator, START, 8000), "support-chat");
        List<LlmCall> after = chats(traffic(generator, START.plus(INCIDENT_AFTER), 8000), "support-chat");

        assertThat(before).extracting(call -> call.requestModel().orElseThrow()).containsOnly("claude-3-5-haiku-latest");
        assertThat(after).extracting(call -> call.requestModel().orElseThrow()).containsOnly("claude-sonnet-4-5");
        assertThat(after).extracting(call -> call.prompt().orElseThrow().version()).containsOnly(2);
        assertThat(after).extracting(call -> call.attribution().release().orElseThrow()).containsOnly(Incident.RELEASE);
        double growth = Incident.contextGrowth(new SimulatedApp().feature("support-chat"), CONFIG.incidentCostMultiplier());
        assertThat(meanInputTokens(after) / meanInputTokens(before)).isCloseTo(growth, within(0.25));
    }

    @Test
    void theIncidentMultipliesItsFeaturesCostPerRequestAndLeavesOtherFeaturesAlone() {
        TrafficGenerator generator = generator();
        List<Interaction> before = traffic(generator, START, 8000);
        List<Interaction> after = traffic(generator, START.plus(INCIDENT_AFTER), 8000);

        assertThat(meanCost(chats(after, "support-chat")).divide(meanCost(chats(before, "support-chat")), MathContext.DECIMAL64))
                .isBetween(new BigDecimal("7"), new BigDecimal("9"));
        assertThat(meanCost(chats(after, "email-draft")).divide(meanCost(chats(before, "email-draft")), MathContext.DECIMAL64))
                .isBetween(new BigDecimal("0.9"), new BigDecimal("1.1"));
        assertThat(after).filteredOn(Interaction::duringIncident)
                .isNotEmpty()
                .allSatisfy(interaction -> assertThat(interaction.root().attribution().feature()).contains("support-chat"));
    }

    @Test
    void someUsersRateTheAnswerOfTheirRequest() {
        List<Interaction> rated = traffic(generator(), START, 5000).stream()
                .filter(interaction -> interaction.feedback().isPresent()).toList();

        assertThat(rated).isNotEmpty().allSatisfy(interaction -> {
            UserFeedback feedback = interaction.feedback().orElseThrow();
            assertThat(feedback.traceId()).isEqualTo(interaction.root().traceId());
            assertThat(feedback.score()).isIn(0.0, 1.0);
        });
    }

    @Test
    void arrivalsAverageTheConfiguredRate() {
        TrafficGenerator slow = generator();
        TrafficGenerator fast = new TrafficGenerator(SimulatorConfig.of(2000, 42, INCIDENT_AFTER), new Random(42), START);

        int slowArrivals = IntStream.range(0, 600).map(tick -> slow.arrivalsDuring(TrafficSimulator.TICK)).sum();
        int fastArrivals = IntStream.range(0, 600).map(tick -> fast.arrivalsDuring(TrafficSimulator.TICK)).sum();

        assertThat(slowArrivals).as("60 s at 40/s").isBetween(2280, 2520);
        assertThat(fastArrivals).as("60 s at 2000/s").isBetween(117_000, 123_000);
    }

    @Test
    void theDegradedModelAnswersSlowerAndFailsMoreDuringTheSecondIncidentOnly() {
        TrafficGenerator generator = generator();
        Instant degraded = generator.degradationStartsAt();
        Predicate<LlmCall> onTheModel = call -> call.operation() == Operation.CHAT
                && call.requestModel().filter(SimulatedModel.GEMINI_2_5_FLASH.name()::equals).isPresent();

        List<LlmCall> before = spans(traffic(generator, degraded.minus(Duration.ofSeconds(60)), 2_000)).stream()
                .filter(onTheModel).toList();
        List<LlmCall> during = spans(traffic(generator, degraded, 2_000)).stream().filter(onTheModel).toList();

        assertThat(during).isNotEmpty();
        assertThat(errorShare(during)).isGreaterThan(0.2).isGreaterThan(3 * errorShare(before));
        assertThat(medianMillis(during)).isGreaterThan(2 * medianMillis(before));
    }

    private static double errorShare(List<LlmCall> calls) {
        return calls.stream().filter(call -> call.error().isPresent()).count() / (double) calls.size();
    }

    private static long medianMillis(List<LlmCall> calls) {
        List<Long> millis = calls.stream().filter(call -> call.error().isEmpty())
                .map(call -> Duration.between(call.startTime(), call.endTime()).toMillis()).sorted().toList();
        return millis.get(millis.size() / 2);
    }

    private static TrafficGenerator generator() {
        return new TrafficGenerator(CONFIG, new Random(CONFIG.seed()), START);
    }

    /** {@code count} requests ending 25 ms apart from {@code from} on. */
    private static List<Interaction> traffic(TrafficGenerator generator, Instant from, int count) {
        return IntStream.range(0, count).mapToObj(i -> generator.next(from.plusMillis(25L * i))).toList();
    }

    private static List<LlmCall> spans(List<Interaction> traffic) {
        return traffic.stream().flatMap(interaction -> interaction.spans().stream()).toList();
    }

    private static List<LlmCall> chats(List<Interaction> traffic, String feature) {
        Predicate<LlmCall> succeededChat = call -> call.operation() == Operation.CHAT && call.error().isEmpty();
        return spans(traffic).stream()
                .filter(succeededChat)
                .filter(call -> call.attribution().feature().filter(feature::equals).isPresent())
                .toList();
    }

    private static double meanInputTokens(List<LlmCall> calls) {
        return calls.stream().mapToLong(call -> call.usage().inputTokens()).average().orElseThrow();
    }

    private static BigDecimal meanCost(List<LlmCall> calls) {
        return calls.stream().map(call -> call.clientCostUsd().orElseThrow()).reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(calls.size()), MathContext.DECIMAL64);
    }

    private static String tenant(LlmCall call) {
        return call.attribution().tenant().orElseThrow();
    }
}
