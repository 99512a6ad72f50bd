package io.llmwatch.launcher.command;

import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.launcher.LlmWatchCli;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(EmbeddedKafkaExtension.class)
class PricesCommandIT {

    private String bootstrapServers;

    @BeforeEach
    void createTopics(EmbeddedKafkaBroker kafka) {
        bootstrapServers = kafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            new TopicProvisioner(admin).ensure(Topics.ALL, 2, (short) 1);
        }
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run prices(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LlmWatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 3];
        full[0] = "prices";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--bootstrap-servers";
        full[args.length + 2] = bootstrapServers;
        return new Run(cli.execute(full), out.toString(), err.toString());
    }

    @Test
    void setsListsAndDeletesOverrides() {
        Run set = prices("set", "--provider", "openai", "--model", "gpt-prices-it", "--from", "2026-12-01T00:00:00Z",
                "--price", "input_mtok=2.5", "--price", "output_mtok=10");
        assertThat(set.exitCode()).as(set.err()).isZero();

        Run listed = prices("list");
        assertThat(listed.out()).contains("\"model\":\"gpt-prices-it\"", "\"from\":\"2026-12-01T00:00:00Z\"",
                "\"input_mtok\":\"2.5\"", "\"output_mtok\":\"10\"");

        assertThat(prices("delete", "--provider", "openai", "--model", "gpt-prices-it", "--from", "2026-12-01T00:00:00Z")
                .exitCode()).isZero();
        assertThat(prices("list").out()).doesNotContain("gpt-prices-it");
    }

    @Test
    void refusesAnUnknownPriceUnitWithoutWritingAnything() {
        Run refused = prices("set", "--provider", "openai", "--model", "gpt-typo", "--from", "2026-12-01T00:00:00Z",
                "--price", "imput_mtok=2.5");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("imput_mtok");
        assertThat(prices("list").out()).doesNotContain("gpt-typo");
    }
}
