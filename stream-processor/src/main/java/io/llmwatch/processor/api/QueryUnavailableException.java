package io.llmwatch.processor.api;

/** The answer needs state that cannot be reached right now; the client gets 503 and retries. */
final class QueryUnavailableException extends RuntimeException {

    QueryUnavailableException(String message) {
        super(message);
    }
}
