package io.llmwatch.sink.delivery;

import java.util.random.RandomGenerator;

/** Always draws the largest value allowed, which makes every jittered backoff delay equal its ceiling. */
public final class HighestDraw implements RandomGenerator {

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only bounded draws are expected");
    }

    @Override
    public long nextLong(long bound) {
        return bound - 1;
    }
}
