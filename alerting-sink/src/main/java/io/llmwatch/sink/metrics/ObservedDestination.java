package io.llmwatch.sink.metrics;

import io.llmwatch.sink.delivery.DeliveryResult;
import io.llmwatch.sink.delivery.Destination;
import io.llmwatch.sink.delivery.Notification;
import io.llmwatch.sink.delivery.RateLimit;

import java.time.Duration;
import java.util.Optional;

/** A destination whose every attempt is timed and reported to a {@link DeliveryObserver}. */
public final class ObservedDestination implements Destination {

    private final Destination destination;
    private final DeliveryObserver observer;

    private ObservedDestination(Destination destination, DeliveryObserver observer) {
        this.destination = destination;
        this.observer = observer;
    }

    /** {@code destination} itself when there is nothing to observe. */
    public static Destination of(Destination destination, DeliveryObserver observer) {
        return observer == DeliveryObserver.NONE ? destination : new ObservedDestination(destination, observer);
    }

    @Override
    public String name() {
        return destination.name();
    }

    @Override
    public DeliveryResult deliver(Notification notification) {
        long started = System.nanoTime();
        DeliveryResult result = destination.deliver(notification);
        observer.attempted(destination.name(), Duration.ofNanos(System.nanoTime() - started), result);
        return result;
    }

    @Override
    public Optional<RateLimit> rateLimit() {
        return destination.rateLimit();
    }

    @Override
    public int concurrency() {
        return destination.concurrency();
    }
}
