package io.llmwatch.sink.silence;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The silences this instance knows, by id; thread-safe. */
public final class SilenceBook {

    private final Map<String, Silence> silences = new ConcurrentHashMap<>();

    public void put(Silence silence) {
        silences.put(silence.id(), silence);
    }

    public Optional<Silence> get(String id) {
        return Optional.ofNullable(silences.get(id));
    }

    /** The first silence that mutes an alert with these labels now. */
    public Optional<Silence> muting(Map<String, String> labels, Instant now) {
        return silences.values().stream().filter(silence -> silence.mutes(labels, now)).findFirst();
    }

    /** Every silence, newest end first. */
    public List<Silence> all() {
        return silences.values().stream().sorted(Comparator.comparing(Silence::endsAt).reversed()).toList();
    }
}
