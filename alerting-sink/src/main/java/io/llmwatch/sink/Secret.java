package io.llmwatch.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A credential (Slack webhook URL, PagerDuty routing key, HMAC secret) that never shows in logs,
 * {@code toString} or error messages: only {@code ****} and its last 4 characters, enough to tell
 * which one is configured. Read it from the command line, an environment variable or a file.
 */
public final class Secret {

    private static final int SHOWN_CHARACTERS = 4;

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret");
        if (value.isBlank()) {
            throw new IllegalArgumentException("A secret must not be blank");
        }
        return new Secret(value.strip());
    }

    /** The file's content without surrounding whitespace (so a trailing newline does not count). */
    public static Secret fromFile(Path file) {
        try {
            return of(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read secret file " + file, e);
        }
    }

    public String reveal() {
        return value;
    }

    /** The secret as a URL (a Slack webhook URL is itself the credential); the error message does not show it. */
    public URI revealAsUrl() {
        URI url;
        try {
            url = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Secret URL " + this + " is not a valid URL");
        }
        if (!url.isAbsolute() || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException("Secret URL " + this + " is not an absolute http or https URL");
        }
        return url;
    }

    /** {@code ****} and the last 4 characters; only {@code ****} when the secret is too short to show any. */
    public String masked() {
        return value.length() <= 2 * SHOWN_CHARACTERS ? "****" : "****" + value.substring(value.length() - SHOWN_CHARACTERS);
    }

    @Override
    public String toString() {
        return masked();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
