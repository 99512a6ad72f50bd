package io.llmwatch.processor.detection.signal;

/** A detector key {@code dimension|value} taken apart, e.g. {@code feature|support-chat}. */
public record DetectorKey(String dimension, String value) {

    private static final char SEPARATOR = '|';

    public static DetectorKey parse(String key) {
        int separator = key.indexOf(SEPARATOR);
        if (separator < 0) {
            throw new IllegalArgumentException("not a dimension|value key: " + key);
        }
        return new DetectorKey(key.substring(0, separator), key.substring(separator + 1));
    }
}
