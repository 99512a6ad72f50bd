package io.llmwatch.launcher.command;

import io.llmwatch.processor.api.auth.ApiAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpOptionsTest {

    private static final String TOKENS = "[{\"token\": \"admin-token-0123456789\", \"role\": \"admin\"}]";

    @Command
    static final class Holder {
        @Mixin
        HttpOptions http;
    }

    private static HttpOptions parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.http;
    }

    @Test
    void withoutTokensTheApiIsOpenOnLoopback() {
        ApiAccess access = parse().access(Map.of());

        assertThat(access.requiresTokens()).isFalse();
    }

    @Test
    void servingOtherHostsWithoutTokensNeedsInsecure() {
        assertThatThrownBy(() -> parse("--http-host", "0.0.0.0").access(Map.of()))
                .hasMessageContaining("--http-host 0.0.0.0 would serve the query API to other hosts without authentication")
                .hasMessageContaining("--insecure");
        assertThat(parse("--http-host", "0.0.0.0", "--insecure").access(Map.of()).requiresTokens()).isFalse();
    }

    @Test
    void tokensFromAFileOrTheEnvironmentTurnAuthenticationOnAndAllowAnyHost(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("tokens.json"), TOKENS);

        assertThat(parse("--http-host", "0.0.0.0", "--api-tokens", file.toString()).access(Map.of()).requiresTokens()).isTrue();
        assertThat(parse("--http-host", "0.0.0.0").access(Map.of("LLMWATCH_API_TOKENS", TOKENS)).requiresTokens()).isTrue();
    }
}
