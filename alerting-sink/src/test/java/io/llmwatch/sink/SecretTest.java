package io.llmwatch.sink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SecretTest {

    @Test
    void showsOnlyTheLastFourCharacters() {
        Secret key = Secret.of("R0UTINGKEY00000000000000000000AB");

        assertThat(key.toString()).isEqualTo("****00AB");
        assertThat(key.masked()).isEqualTo("****00AB");
        assertThat(Secret.of("short").masked()).isEqualTo("****");
    }

    @Test
    void readsAFileWithoutItsTrailingNewline(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("slack");
        Files.writeString(file, "https://hooks.slack.com/services/T000/B000/XXXXsecret\n");

        assertThat(Secret.fromFile(file).reveal()).isEqualTo("https://hooks.slack.com/services/T000/B000/XXXXsecret");
    }

    @Test
    void aBadUrlIsReportedWithoutShowingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> Secret.of("not a url at all xyz-secret").revealAsUrl())
                .withMessageNotContaining("xyz-secret").withMessageContaining("****cret");
    }
}
