package io.llmwatch.processor.pricing.extraction;

/** A provider response body from which usage cannot be read: a required field is missing or has the wrong type. */
public final class UsageExtractionException extends RuntimeException {

    public UsageExtractionException(String message) {
        super(message);
    }
}
