package io.llmwatch.processor.state;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.util.Map;
import java.util.Objects;

/**
 * A state store that stores nothing: it lets a processor that gathers records in memory forward them while Kafka
 * Streams prepares each commit, so they are sent in the transaction that commits the input they came from. Such a
 * processor needs no changelog for what it gathers, because at every commit it holds nothing: after a crash the
 * transaction is aborted and the input read again, and what was gathered is gathered again.
 *
 * <p>The hook is the one Kafka Streams' own record cache uses to forward on commit ({@link CachedStateStore#flushCache},
 * run for every store of the task before the producer is flushed and the transaction committed), and the processor
 * forwards as its cache flush listeners do: as the processor's own node, with a record context like a punctuation's.
 * A processor that forwards from the hook must have no store of its own task downstream, since that store's
 * pending writes may already have been flushed for this commit.
 */
public final class PreCommitHook implements StateStore, CachedStateStore<Void, Void> {

    private final String name;
    private Runnable beforeCommit = () -> { };
    private boolean open;

    private PreCommitHook(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public static StoreBuilder<PreCommitHook> builder(String name) {
        return new Builder(name);
    }

    /**
     * Called from the processor's {@code init}: from then on, {@code flush} runs before every commit of the task, and
     * may forward as the processor does from a punctuation.
     */
    public void forwardBeforeEachCommit(ProcessorContext<?, ?> context, Runnable flush) {
        Objects.requireNonNull(flush, "flush");
        if (context instanceof InternalProcessorContext<?, ?> task) {
            ProcessorNode<?, ?, ?, ?> processor = task.currentNode();
            beforeCommit = () -> asProcessor(task, processor, flush);
        } else {
            // A test's MockProcessorContext: it captures forwards without a node to forward from.
            beforeCommit = flush;
        }
    }

    private static void asProcessor(InternalProcessorContext<?, ?> task, ProcessorNode<?, ?, ?, ?> processor, Runnable flush) {
        ProcessorNode<?, ?, ?, ?> previousNode = task.currentNode();
        ProcessorRecordContext previousRecord = task.recordContext();
        task.setRecordContext(new ProcessorRecordContext(task.currentStreamTimeMs(), -1L, -1, null, new RecordHeaders()));
        task.setCurrentNode(processor);
        try {
            flush.run();
        } finally {
            task.setCurrentNode(previousNode);
            task.setRecordContext(previousRecord);
        }
    }

    /** Called by Kafka Streams while preparing every commit of the task. */
    @Override
    public void flushCache() {
        beforeCommit.run();
    }

    @Override
    public void clearCache() {
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Void, Void> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> {
            throw new IllegalStateException("store " + name + " has no changelog to restore from");
        });
        open = true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        beforeCommit = () -> { };
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Nothing to cache and nothing to log. */
    private record Builder(String name) implements StoreBuilder<PreCommitHook> {

        @Override
        public StoreBuilder<PreCommitHook> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<PreCommitHook> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<PreCommitHook> withLoggingEnabled(Map<String, String> config) {
            return this;
        }

        @Override
        public StoreBuilder<PreCommitHook> withLoggingDisabled() {
            return this;
        }

        @Override
        public PreCommitHook build() {
            return new PreCommitHook(name);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }
    }
}
