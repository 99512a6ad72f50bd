package io.llmwatch.kafka.embedded;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Keeps a persistent broker's cluster id stable across restarts: KRaft refuses a log formatted for another id. */
final class ClusterIdFile {

    private static final String FILE_NAME = "llmwatch-cluster.id";

    private ClusterIdFile() {
    }

    static String readOrCreate(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id, StandardCharsets.US_ASCII);
        return id;
    }
}
