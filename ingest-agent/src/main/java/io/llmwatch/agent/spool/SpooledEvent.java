package io.llmwatch.agent.spool;

/**
 * An event read back from the spool for replay.
 *
 * @param settlement to call once the event's delivery has ended for good
 */
public record SpooledEvent(EncodedEvent event, Settlement settlement) {
}
