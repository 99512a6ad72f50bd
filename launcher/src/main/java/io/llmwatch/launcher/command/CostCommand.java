package io.llmwatch.launcher.command;

import io.llmwatch.processor.pricing.CostBatch;
import io.llmwatch.processor.pricing.PriceCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code ./llmwatch cost --batch}: the pricing engine on JSON lines, for scripts and for checking prices. */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = {"Price LLM calls with the bundled genai-prices catalogue.",
                "--batch reads one JSON request per line on stdin and writes one JSON answer per line on stdout, in order:",
                "  {\"provider\",\"model\",\"timestamp\",\"usage\":{\"input_tokens\":..,\"output_tokens\":..,...}} or",
                "  {\"provider\",\"api_flavor\",\"timestamp\",\"body\":{raw provider response}}",
                "  → {\"model_id\",\"input_price\",\"output_price\",\"total_price\"} or {\"error\":\"...\"}"})
public final class CostCommand implements Callable<Integer> {

    @Option(names = "--batch", required = true, description = "Read JSON lines from stdin, answer on stdout.")
    boolean batch;

    @Option(names = "--max-line-chars", defaultValue = "" + CostBatch.DEFAULT_MAX_LINE_CHARS,
            description = "A longer input line is answered with an error, never held in memory (default: ${DEFAULT-VALUE}).")
    int maxLineChars;

    @Override
    public Integer call() throws Exception {
        new CostBatch(PriceCatalog.bundled(), Clock.systemUTC(), maxLineChars).run(System.in, System.out);
        System.out.flush();
        return 0;
    }
}
