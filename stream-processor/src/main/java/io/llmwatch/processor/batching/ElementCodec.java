package io.llmwatch.processor.batching;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** How one value of a {@link Batch} is written and read, its strings through the batch's {@link RepeatedStrings}. */
public interface ElementCodec<V> {

    void write(DataOutputStream out, V value, RepeatedStrings strings) throws IOException;

    V read(DataInputStream in, RepeatedStrings strings) throws IOException;
}
