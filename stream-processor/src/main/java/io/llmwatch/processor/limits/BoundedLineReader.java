package io.llmwatch.processor.limits;

import java.io.IOException;
import java.io.Reader;
import java.util.Optional;

/**
 * Reads lines like {@link java.io.BufferedReader#readLine()}, but never holds more than {@code maxChars}
 * of one: a longer line is skipped to its end and reported as too long, so a file without newlines
 * cannot exhaust memory, and the lines after it are still read.
 */
public final class BoundedLineReader {

    /** One line: its text, or that it was longer than the limit (its text then is dropped). */
    public record Line(Optional<String> text, long length) {
        public boolean tooLong() {
            return text.isEmpty();
        }
    }

    private final Reader in;
    private final int maxChars;
    private int pushedBack = -1;

    public BoundedLineReader(Reader in, int maxChars) {
        if (maxChars <= 0) {
            throw new IllegalArgumentException("maxChars must be positive, not " + maxChars);
        }
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator ({@code \n}, {@code \r\n} or {@code \r}); empty at the end of input. */
    public Optional<Line> next() throws IOException {
        StringBuilder text = new StringBuilder();
        long length = 0;
        int c = read();
        if (c < 0) {
            return Optional.empty();
        }
        while (c >= 0 && c != '\n' && c != '\r') {
            if (length < maxChars) {
                text.append((char) c);
            }
            length++;
            c = read();
        }
        if (c == '\r') {
            int next = read();
            if (next != '\n') {
                pushedBack = next;
            }
        }
        return Optional.of(new Line(length > maxChars ? Optional.empty() : Optional.of(text.toString()), length));
    }

    private int read() throws IOException {
        if (pushedBack != -1) {
            int c = pushedBack;
            pushedBack = -1;
            return c;
        }
        return in.read();
    }
}
