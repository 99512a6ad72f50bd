package io.llmwatch.sink.delivery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A destination that answers with the scripted results in turn, repeating the last one, and remembers what it got. */
public final class ScriptedDestination implements Destination {

    private final String name;
    private final Deque<DeliveryResult> script;
    private final List<Notification> received = new CopyOnWriteArrayList<>();
    private volatile Optional<RateLimit> rateLimit = Optional.empty();

    public ScriptedDestination(String name, DeliveryResult... script) {
        this.name = name;
        this.script = new ArrayDeque<>(List.of(script));
    }

    public ScriptedDestination limitedTo(RateLimit limit) {
        this.rateLimit = Optional.of(limit);
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized DeliveryResult deliver(Notification notification) {
        received.add(notification);
        return script.size() > 1 ? script.poll() : script.peek();
    }

    @Override
    public Optional<RateLimit> rateLimit() {
        return rateLimit;
    }

    public List<Notification> received() {
        return received;
    }

    /** Every alert id this destination was handed, counting repeats. */
    public List<String> alertIds() {
        return received.stream().flatMap(notification -> notification.alerts().stream()).map(alert -> alert.getAlertId()).toList();
    }
}
