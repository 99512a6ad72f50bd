package io.llmwatch.processor.batching;

import org.apache.kafka.common.errors.SerializationException;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes each distinct string of one record once and every repeat as its number. The records of a batch share their
 * tenant, feature, model, provider and prompt, and writing each string in full, character by character, was most
 * of what serialising a batch cost. One instance per record, on either side.
 *
 * <p>A string is written as an int: 0 for null, {@code n > 0} for the n-th distinct string of the record, or -1
 * followed by a new string in modified UTF-8.
 */
public final class RepeatedStrings {

    private static final int ABSENT = 0;
    private static final int NEW = -1;

    private final Map<String, Integer> numbers = new HashMap<>();
    private final List<String> strings = new ArrayList<>();

    public void write(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(ABSENT);
            return;
        }
        Integer number = numbers.get(value);
        if (number != null) {
            out.writeInt(number);
            return;
        }
        out.writeInt(NEW);
        out.writeUTF(value);
        numbers.put(value, numbers.size() + 1);
    }

    public String read(DataInputStream in) throws IOException {
        int code = in.readInt();
        if (code == ABSENT) {
            return null;
        }
        if (code == NEW) {
            String value = in.readUTF();
            strings.add(value);
            return value;
        }
        if (code < 0 || code > strings.size()) {
            throw new SerializationException("String number " + code + " refers to none of the " + strings.size()
                    + " read so far");
        }
        return strings.get(code - 1);
    }
}
