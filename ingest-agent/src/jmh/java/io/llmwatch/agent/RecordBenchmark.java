package io.llmwatch.agent;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What {@link LlmWatch#record} costs the application's thread: average and distribution (sample mode gives
 * p99 and p99.9), and with {@code -prof gc} the bytes it allocates per call. The export worker runs as in
 * production, encoding every event, into a producer that acknowledges at once.
 *
 * <p>Each iteration starts a client whose queue holds every event it will record, so every call takes the
 * accepting path; {@link #recordWhenTheQueueIsFull} measures the dropping path, which an overloaded
 * application takes.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class RecordBenchmark {

    /** More than an iteration records, at tens of millions of calls per second. */
    private static final int ROOMY_QUEUE = 1 << 23;

    private static final LlmCall CALL = LlmCall.builder()
            .provider("openai").requestModel("gpt-4o-mini").responseModel("gpt-4o-mini-2024-07-18")
            .startTime(Instant.parse("2025-11-06T12:00:00Z")).duration(Duration.ofMillis(850))
            .usage(TokenUsage.builder().inputTokens(1_200).cacheReadTokens(1_024).outputTokens(300).build())
            .finishReasons("stop")
            .attribution(Attribution.builder().tenant("acme").user("u-17").feature("support-chat").build())
            .build();

    @State(Scope.Benchmark)
    public static class Client {

        LlmWatch watch;

        @Setup(Level.Iteration)
        public void start() {
            watch = start(ROOMY_QUEUE, new DiscardingProducer());
        }

        @TearDown(Level.Iteration)
        public void stop() {
            watch.close(Duration.ZERO);
        }

        static LlmWatch start(int queueCapacity, DiscardingProducer producer) {
            return LlmWatch.builder()
                    .bootstrapServers("benchmark.invalid:9092")
                    .serviceName("record-benchmark")
                    .queueCapacity(queueCapacity)
                    .shutdownHook(false)
                    .producerFactory(config -> producer)
                    .build();
        }
    }

    /** A client whose queue is full and stays full: its worker is stuck in a send that never returns. */
    @State(Scope.Benchmark)
    public static class FullClient {

        private final CountDownLatch brokerAnswers = new CountDownLatch(1);
        LlmWatch watch;

        @Setup(Level.Iteration)
        public void start() {
            watch = Client.start(1, new DiscardingProducer() {
                @Override
                public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                    try {
                        brokerAnswers.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return super.send(record, callback);
                }
            });
            while (watch.counters().queueSize() == 0) {
                watch.record(CALL);
            }
        }

        @TearDown(Level.Iteration)
        public void stop() {
            brokerAnswers.countDown();
            watch.close(Duration.ZERO);
        }
    }

    @Benchmark
    public boolean record(Client client) {
        return client.watch.record(CALL);
    }

    @Benchmark
    public boolean recordWhenTheQueueIsFull(FullClient client) {
        return client.watch.record(CALL);
    }
}
