package io.llmwatch.processor.serde;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Field encodings shared by the binary serdes: nullable strings, exact decimals, variable-length longs. */
public final class Fields {

    private Fields() {
    }

    public static void writeString(DataOutput out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    public static String readString(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** Scale and unscaled digits, so the amount reads back exactly, trailing zeros and all; {@code null} allowed. */
    public static void writeDecimal(DataOutput out, BigDecimal value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            byte[] unscaled = value.unscaledValue().toByteArray();
            writeVarLong(out, value.scale());
            writeVarLong(out, unscaled.length);
            out.write(unscaled);
        }
    }

    public static BigDecimal readDecimal(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int scale = (int) readVarLong(in);
        byte[] unscaled = new byte[(int) readVarLong(in)];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    /** Zig-zag varint: counts and small numbers take one or two bytes instead of eight. */
    public static void writeVarLong(DataOutput out, long value) throws IOException {
        long zigZag = (value << 1) ^ (value >> 63);
        while ((zigZag & ~0x7FL) != 0) {
            out.writeByte((int) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        out.writeByte((int) zigZag);
    }

    public static long readVarLong(DataInput in) throws IOException {
        long zigZag = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            zigZag |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (zigZag >>> 1) ^ -(zigZag & 1);
            }
        }
        throw new IOException("malformed variable-length number");
    }
}
