package io.llmwatch.processor.topology;

/**
 * Where a partial aggregate is kept until it crosses the repartition: its bucket, the windows that refused its calls
 * as late ({@link LateWindows}), and its {@code dimension|value}. Calls refused by different windows cannot share a
 * partial, since each window adds only the calls it accepts.
 *
 * <p>Encoded as the bucket start in fixed-width hex, so keys sort oldest bucket first, then for late partials the
 * refusing labels between two {@value #LATE_MARK}s, then the dimension key. A dimension key begins with its
 * dimension's name, never with the mark, so keys written before lateness was part of them read as on time.
 *
 * @param lateWindows labels of the refusing windows, comma separated; empty when the calls were on time
 */
record PartialKey(long bucketStart, String lateWindows, String dimensionKey) {

    private static final int BUCKET_DIGITS = 16;
    private static final char LATE_MARK = '!';

    /** A partial's store key: see the class comment. */
    String encode() {
        String hex = Long.toHexString(bucketStart);
        StringBuilder key = new StringBuilder(BUCKET_DIGITS + lateWindows.length() + dimensionKey.length() + 2)
                .append("0".repeat(BUCKET_DIGITS - hex.length())).append(hex);
        if (!lateWindows.isEmpty()) {
            key.append(LATE_MARK).append(lateWindows).append(LATE_MARK);
        }
        return key.append(dimensionKey).toString();
    }

    static PartialKey decode(String key) {
        long bucketStart = Long.parseUnsignedLong(key, 0, BUCKET_DIGITS, 16);
        if (key.length() > BUCKET_DIGITS && key.charAt(BUCKET_DIGITS) == LATE_MARK) {
            int end = key.indexOf(LATE_MARK, BUCKET_DIGITS + 1);
            return new PartialKey(bucketStart, key.substring(BUCKET_DIGITS + 1, end), key.substring(end + 1));
        }
        return new PartialKey(bucketStart, "", key.substring(BUCKET_DIGITS));
    }

    boolean late() {
        return !lateWindows.isEmpty();
    }
}
