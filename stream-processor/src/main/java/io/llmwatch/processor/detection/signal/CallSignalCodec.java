package io.llmwatch.processor.detection.signal;

import io.llmwatch.processor.batching.ElementCodec;
import io.llmwatch.processor.batching.RepeatedStrings;
import io.llmwatch.processor.cost.CostSample;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.llmwatch.processor.serde.Fields.readDecimal;
import static io.llmwatch.processor.serde.Fields.readString;
import static io.llmwatch.processor.serde.Fields.writeDecimal;
import static io.llmwatch.processor.serde.Fields.writeString;

/**
 * A compact binary form of {@link CallSignal}: every call crosses the detection repartition topic about nine times
 * (in batches), so the JSON the other internal records use would cost more than the detectors themselves. Money is
 * the exact unscaled value and scale of its decimal; strings go through the batch's {@link RepeatedStrings}.
 */
public final class CallSignalCodec implements ElementCodec<CallSignal> {

    @Override
    public void write(DataOutputStream out, CallSignal signal, RepeatedStrings strings) throws IOException {
        CostSample sample = signal.sample();
        // Unique per call: a trace id would only fill the batch's string table.
        writeString(out, sample.traceId());
        out.writeLong(sample.eventTimeMillis());
        strings.write(out, sample.tenant());
        strings.write(out, sample.user());
        strings.write(out, sample.feature());
        strings.write(out, sample.environment());
        strings.write(out, sample.prompt());
        strings.write(out, sample.provider());
        strings.write(out, sample.model());
        writeDecimal(out, sample.costUsd());
        out.writeLong(sample.inputTokens());
        out.writeLong(sample.outputTokens());
        out.writeLong(sample.cacheReadTokens());
        out.writeLong(sample.latencyMillis());
        out.writeBoolean(sample.error());
        strings.write(out, signal.promptName());
        out.writeBoolean(signal.promptVersion() != null);
        if (signal.promptVersion() != null) {
            out.writeInt(signal.promptVersion());
        }
        strings.write(out, signal.promptSha256());
        out.writeBoolean(signal.timeToFirstTokenMillis() != null);
        if (signal.timeToFirstTokenMillis() != null) {
            out.writeLong(signal.timeToFirstTokenMillis());
        }
        out.writeInt(signal.scores().size());
        for (NamedScore score : signal.scores()) {
            strings.write(out, score.name());
            out.writeDouble(score.value());
        }
        out.writeBoolean(signal.feedback());
    }

    @Override
    public CallSignal read(DataInputStream in, RepeatedStrings strings) throws IOException {
        CostSample sample = new CostSample(readString(in), in.readLong(), strings.read(in), strings.read(in),
                strings.read(in), strings.read(in), strings.read(in), strings.read(in), strings.read(in), readDecimal(in),
                in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readBoolean());
        String promptName = strings.read(in);
        Integer promptVersion = in.readBoolean() ? in.readInt() : null;
        String promptSha256 = strings.read(in);
        Long timeToFirstToken = in.readBoolean() ? in.readLong() : null;
        int scoreCount = in.readInt();
        List<NamedScore> scores = new ArrayList<>(scoreCount);
        for (int i = 0; i < scoreCount; i++) {
            scores.add(new NamedScore(strings.read(in), in.readDouble()));
        }
        return new CallSignal(sample, promptName, promptVersion, promptSha256, timeToFirstToken, scores,
                in.readBoolean());
    }
}
