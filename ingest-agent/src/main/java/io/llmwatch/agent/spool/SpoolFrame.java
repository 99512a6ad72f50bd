package io.llmwatch.agent.spool;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * How one event is laid out in a segment file:
 *
 * <pre>
 * int32  payload length
 * int32  CRC-32C of the payload
 * payload:
 *   int16  topic length, then the topic in UTF-8
 *   int32  key length (-1 for no key), then the key in UTF-8
 *   the value bytes, up to the end of the payload
 * </pre>
 *
 * The length comes first so a reader can skip to the next frame; the checksum tells a complete frame from
 * one torn by a crash halfway through its write, or damaged on disk since.
 */
final class SpoolFrame {

    /** Length and checksum. */
    static final int HEADER_BYTES = Integer.BYTES * 2;

    private static final int NO_KEY = -1;

    private SpoolFrame() {
    }

    /** Header plus payload: what appending {@code event} adds to a segment. */
    static int frameLength(EncodedEvent event) {
        return HEADER_BYTES + payloadLength(event);
    }

    /** Writes the whole frame at {@code buffer}'s position. */
    static void write(EncodedEvent event, ByteBuffer buffer) {
        byte[] topic = event.topic().getBytes(StandardCharsets.UTF_8);
        byte[] key = event.key() == null ? null : event.key().getBytes(StandardCharsets.UTF_8);
        int payloadStart = buffer.position() + HEADER_BYTES;
        buffer.putInt(payloadLength(event)).putInt(0);
        buffer.putShort((short) topic.length).put(topic);
        if (key == null) {
            buffer.putInt(NO_KEY);
        } else {
            buffer.putInt(key.length).put(key);
        }
        buffer.put(event.value());
        buffer.putInt(payloadStart - Integer.BYTES, checksum(buffer, payloadStart, buffer.position()));
    }

    /**
     * Reads the payload whose header announced {@code expectedChecksum}, from {@code payload}'s position to its
     * limit.
     *
     * @return empty if the checksum does not match or the payload does not parse: a torn or damaged frame
     */
    static Optional<EncodedEvent> read(ByteBuffer payload, int expectedChecksum) {
        if (checksum(payload, payload.position(), payload.limit()) != expectedChecksum) {
            return Optional.empty();
        }
        try {
            String topic = string(payload, payload.getShort());
            int keyLength = payload.getInt();
            String key = keyLength == NO_KEY ? null : string(payload, keyLength);
            byte[] value = new byte[payload.remaining()];
            payload.get(value);
            return Optional.of(new EncodedEvent(topic, key, value));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int payloadLength(EncodedEvent event) {
        int key = event.key() == null ? 0 : utf8Length(event.key());
        return Short.BYTES + utf8Length(event.topic()) + Integer.BYTES + key + event.value().length;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String string(ByteBuffer buffer, int length) {
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException("string length " + length + " outside the payload");
        }
        String text = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return text;
    }

    private static int checksum(ByteBuffer buffer, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().limit(to).position(from));
        return (int) crc.getValue();
    }
}
