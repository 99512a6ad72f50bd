package io.llmwatch.sink.delivery;

import io.llmwatch.schemas.alert.AlertEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A destination that answers with the scripted results in turn, repeating the last one, and remembers what it got. */
public final class ScriptedDestination implements Destination {

    private final String name;
    private final Deque<DeliveryResult> script;
    private final List<AlertEvent> received = new ArrayList<>();

    public ScriptedDestination(String name, DeliveryResult... script) {
        this.name = name;
        this.script = new ArrayDeque<>(List.of(script));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult deliver(AlertEvent alert) {
        received.add(alert);
        return script.size() > 1 ? script.poll() : script.peek();
    }

    public List<AlertEvent> received() {
        return received;
    }
}
