package io.llmwatch.schemas.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The bearer tokens of the query API and the sink's silences API, from a JSON list of {@code {"token","role","tenant"?}}. Only their
 * SHA-256 digests are kept, and a presented token is compared with every digest in constant time, so
 * neither a heap dump nor response timing gives a token away.
 */
public final class ApiTokens {

    /** Shorter tokens are guessable; 16 characters of a random token are about 96 bits. */
    static final int MIN_TOKEN_CHARS = 16;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PEER_LABEL = "llmwatch peer credential v1";

    private record Entry(byte[] digest, Caller caller) {
    }

    private final List<Entry> entries;
    private final String peerCredential;

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        this.peerCredential = derivePeerCredential(entries);
    }

    public static ApiTokens fromFile(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read API tokens file " + file, e);
        }
    }

    /**
     * @param source where the JSON came from, for error messages (never the JSON itself: it holds the tokens)
     * @throws IllegalArgumentException naming the entry at fault, without its token
     */
    public static ApiTokens parse(String json, String source) {
        JsonNode list;
        try {
            list = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("API tokens in " + source + " are not JSON");
        }
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("API tokens in " + source + " must be a non-empty JSON list of {\"token\",\"role\",\"tenant\"?}");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String token = entry.path("token").asText("");
            if (token.length() < MIN_TOKEN_CHARS) {
                throw new IllegalArgumentException("API token #" + (i + 1) + " in " + source + " is missing or shorter than "
                        + MIN_TOKEN_CHARS + " characters");
            }
            ApiRole role = ApiRole.parse(entry.path("role").asText(""));
            if (role == ApiRole.PEER || role == ApiRole.ANONYMOUS) {
                throw new IllegalArgumentException("API token #" + (i + 1) + " in " + source + " has an unknown role");
            }
            String tenant = entry.hasNonNull("tenant") ? entry.get("tenant").asText() : null;
            try {
                entries.add(new Entry(digest(token), new Caller(role, tenant)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("API token #" + (i + 1) + " in " + source + ": " + e.getMessage());
            }
        }
        return new ApiTokens(entries);
    }

    /** The caller {@code token} belongs to; every digest is compared, so the time taken does not depend on which. */
    public Optional<Caller> authenticate(String token) {
        byte[] presented = digest(token);
        Caller found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), presented)) {
                found = entry.caller();
            }
        }
        if (MessageDigest.isEqual(digest(peerCredential), presented)) {
            found = new Caller(ApiRole.PEER, null);
        }
        return Optional.ofNullable(found);
    }

    /**
     * What instances present to each other when forwarding: derived from every token's digest, so each
     * instance configured with the same tokens file computes the same credential and no one without that
     * file can. It only ever reads one instance's share ({@code scope=local}).
     */
    public String peerCredential() {
        return peerCredential;
    }

    public int size() {
        return entries.size();
    }

    private static String derivePeerCredential(List<Entry> entries) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(PEER_LABEL.getBytes(StandardCharsets.UTF_8));
            entries.stream().map(entry -> HexFormat.of().formatHex(entry.digest())).sorted()
                    .forEach(hex -> sha256.update(hex.getBytes(StandardCharsets.UTF_8)));
            return "peer-" + HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ApiTokens[" + entries.size() + " tokens]";
    }
}
