package io.llmwatch.launcher.command;

import io.llmwatch.launcher.pipeline.PipelineSettings;
import io.llmwatch.schemas.auth.ApiRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code demo} and {@code up} hand the roles they start: one tokens file for the query API and the silences API. */
class PipelineRunOptionsTest {

    private static final String ADMIN = "admin-token-0123456789";

    @Command
    static final class Holder {
        @Mixin
        PipelineRunOptions run;
    }

    private static PipelineSettings settings(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.run.pipeline(KafkaOptions.embedded()).build();
    }

    @Test
    void theSinksSilencesApiTakesTheSameApiTokensAsTheQueryApi(@TempDir Path directory) throws IOException {
        Path tokens = Files.writeString(directory.resolve("tokens.json"), "[{\"token\": \"" + ADMIN + "\", \"role\": \"admin\"}]");

        PipelineSettings settings = settings("--api-tokens", tokens.toString());

        var silencesApi = settings.sink().orElseThrow().delivery().apiAuthentication();
        assertThat(settings.apiAccess().requiresTokens()).isTrue();
        assertThat(silencesApi.requiresTokens()).isTrue();
        assertThat(silencesApi.authenticate("Bearer " + ADMIN).role()).isEqualTo(ApiRole.ADMIN);
        assertThat(silencesApi.authenticate(null).role()).isEqualTo(ApiRole.ANONYMOUS);
    }

    @Test
    void withoutTokensBothApisAreOpenOnLoopbackAndAnotherSinkHostNeedsInsecure() {
        assertThat(settings().sink().orElseThrow().delivery().apiAuthentication().requiresTokens()).isFalse();

        assertThatThrownBy(() -> settings("--sink-api-host", "0.0.0.0"))
                .hasMessageContaining("--sink-api-host 0.0.0.0 would serve the silences API to other hosts without authentication")
                .hasMessageContaining("--insecure");
        assertThat(settings("--sink-api-host", "0.0.0.0", "--insecure").sink().orElseThrow().delivery().apiAuthentication()
                .requiresTokens()).isFalse();
    }
}
