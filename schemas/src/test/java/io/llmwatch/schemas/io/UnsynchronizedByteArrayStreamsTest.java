package io.llmwatch.schemas.io;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnsynchronizedByteArrayStreamsTest {

    @Test
    void whatIsWrittenReadsBackThroughDataStreamsPastTheInitialCapacity() throws IOException {
        UnsynchronizedByteArrayOutputStream bytes = new UnsynchronizedByteArrayOutputStream(1);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(Long.MIN_VALUE);
            out.writeUTF("é".repeat(1_000));
            out.writeByte(7);
        }

        try (DataInputStream in = new DataInputStream(new UnsynchronizedByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readLong()).isEqualTo(Long.MIN_VALUE);
            assertThat(in.readUTF()).isEqualTo("é".repeat(1_000));
            assertThat(in.readByte()).isEqualTo((byte) 7);
            assertThat(in.read()).isEqualTo(-1);
            assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void readsReturnWhatIsLeftAndSkipStopsAtTheEnd() {
        UnsynchronizedByteArrayInputStream in = new UnsynchronizedByteArrayInputStream(new byte[] {1, 2, 3, (byte) 0xFF});
        byte[] target = new byte[8];

        assertThat(in.read(target, 0, 2)).isEqualTo(2);
        assertThat(in.available()).isEqualTo(2);
        assertThat(in.read()).isEqualTo(3);
        assertThat(in.read()).isEqualTo(0xFF);
        assertThat(in.read(target, 0, 2)).isEqualTo(-1);
        assertThat(in.read(target, 0, 0)).isZero();
        assertThat(in.skip(5)).isZero();
    }
}
