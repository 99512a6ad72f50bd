package io.llmwatch.agent;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** W3C Trace Context ids: random, lowercase hex, never all zeros (the spec's "invalid" id). */
final class TraceIds {

    private static final HexFormat HEX = HexFormat.of();
    private static final int TRACE_ID_LENGTH = 32;
    private static final int SPAN_ID_LENGTH = 16;

    private TraceIds() {
    }

    static String newTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        return HEX.toHexDigits(high) + HEX.toHexDigits(low);
    }

    static String newSpanId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return HEX.toHexDigits(id);
    }

    static boolean isValidTraceId(String id) {
        return isNonZeroHex(id, TRACE_ID_LENGTH);
    }

    static boolean isValidSpanId(String id) {
        return isNonZeroHex(id, SPAN_ID_LENGTH);
    }

    private static boolean isNonZeroHex(String id, int length) {
        if (id == null || id.length() != length) {
            return false;
        }
        boolean nonZero = false;
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
            nonZero |= c != '0';
        }
        return nonZero;
    }
}
