package io.llmwatch.launcher.bench;

import java.util.List;

/**
 * What the agent published in one round: the bytes of all its values, and a sample of its records (key and
 * encoded value) for the raw producer to send again.
 */
record PublishedRound(long valueBytes, List<PublishedRecord> sample) {

    /** One record as stored on the topic. */
    record PublishedRecord(String key, byte[] value) {
    }
}
