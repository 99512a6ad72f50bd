package io.llmwatch.processor.detection.feedback;

import io.llmwatch.processor.detection.signal.CallSignal;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;

import java.util.List;

/**
 * Remembers each model call by trace id for as long as feedback may still arrive (the store's retention), so a
 * score that comes minutes later can be credited to the call's model and prompt version. Passes every call on.
 */
public final class CallMemoryProcessor implements FixedKeyProcessor<String, CallSignal, CallSignal> {

    private final String storeName;
    private FixedKeyProcessorContext<String, CallSignal> context;
    private WindowStore<String, CallSignal> calls;

    public CallMemoryProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, CallSignal> context) {
        this.context = context;
        this.calls = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, CallSignal> record) {
        CallSignal call = record.value();
        // Only what attribution of a later score needs: the call's own scores are already counted.
        calls.put(record.key(), new CallSignal(call.sample(), call.promptName(), call.promptVersion(), call.promptSha256(),
                call.timeToFirstTokenMillis(), List.of(), false), call.sample().eventTimeMillis());
        context.forward(record);
    }
}
