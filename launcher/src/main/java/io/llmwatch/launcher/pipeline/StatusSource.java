package io.llmwatch.launcher.pipeline;

/** A role's contribution to the reporter's one-line summary, e.g. {@code sent 1200 spans}. */
@FunctionalInterface
interface StatusSource {

    String status();
}
