package io.llmwatch.launcher.bench;

import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady span traffic for a soak: {@code spansPerSecond} spans in ten slices a second, through an idempotent
 * producer that rides out a broker restart. Only what the broker acknowledged counts as sent, with its exact
 * cost, so the sums are what the processor must end up with.
 */
final class SpanLoad implements AutoCloseable {

    private static final int SLICES_PER_SECOND = 10;
    /** Longer than any outage a soak stages, so a span waits for the broker instead of failing. */
    private static final int DELIVERY_TIMEOUT_MS = (int) Duration.ofMinutes(5).toMillis();

    private final KafkaProducer<String, byte[]> producer;
    private final BenchSpanGenerator spans;
    private final SpanCostCalculator pricing;
    private final int spansPerSecond;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private BigDecimal cost = BigDecimal.ZERO;

    SpanLoad(String bootstrapServers, int spansPerSecond, SpanCostCalculator pricing) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, DELIVERY_TIMEOUT_MS),
                new StringSerializer(), new ByteArraySerializer());
        this.spans = new BenchSpanGenerator(7, Instant.now(), spansPerSecond);
        this.pricing = pricing;
        this.spansPerSecond = spansPerSecond;
        this.thread = new Thread(this::produce, "llmwatch-soak-load");
        thread.setDaemon(true);
        thread.start();
    }

    private void produce() {
        long sliceNanos = 1_000_000_000L / SLICES_PER_SECOND;
        int perSlice = Math.max(1, spansPerSecond / SLICES_PER_SECOND);
        long next = System.nanoTime();
        while (running.get()) {
            for (int i = 0; i < perSlice; i++) {
                SpanEvent span = spans.next();
                BigDecimal spanCost = pricing.cost(span).costUsd();
                producer.send(new ProducerRecord<>(Topics.SPANS.name(), span.getTraceId(),
                        Topics.SPANS.valueSerde().serializer().serialize(Topics.SPANS.name(), span)), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    } else {
                        acknowledged(spanCost);
                    }
                });
            }
            next += sliceNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private synchronized void acknowledged(BigDecimal spanCost) {
        sent.incrementAndGet();
        if (spanCost != null) {
            cost = cost.add(spanCost);
        }
    }

    /** Stops sending and waits until every span sent so far is acknowledged or failed. */
    void stop() throws InterruptedException {
        running.set(false);
        thread.join();
        producer.flush();
    }

    long sent() {
        return sent.get();
    }

    long failed() {
        return failed.get();
    }

    synchronized BigDecimal cost() {
        return cost;
    }

    @Override
    public void close() {
        running.set(false);
        producer.close(Duration.ofSeconds(10));
    }
}
