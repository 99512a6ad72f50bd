package io.llmwatch.agent;

/**
 * Why an operation failed.
 *
 * @param type      OpenTelemetry's {@code error.type}: an exception class, an HTTP status or a provider error code
 * @param message   a human-readable message, or null
 * @param retryable whether retrying the same request could succeed (rate limits, timeouts, overload)
 */
public record CallError(String type, String message, boolean retryable) {

    /** An error of type {@code throwable}'s class name; not retryable, since an exception alone does not say. */
    public static CallError from(Throwable throwable) {
        return new CallError(throwable.getClass().getName(), throwable.getMessage(), false);
    }
}
