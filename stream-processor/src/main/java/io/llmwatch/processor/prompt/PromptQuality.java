package io.llmwatch.processor.prompt;

import java.util.List;

/**
 * {@code GET /api/prompts/{name}/quality}: each version's mean quality window by window.
 *
 * @param window   the window size's label ({@code 1m}, {@code 1h}, {@code 1d})
 * @param from     windows whose start lies in [from, to] are listed
 * @param versions every version of the prompt, in {@link PromptVersionRow#BY_VERSION} order, also those
 *                 without a score in the range
 */
public record PromptQuality(String prompt, String window, String from, String to, List<Version> versions) {

    public PromptQuality {
        versions = List.copyOf(versions);
    }

    /**
     * @param scores         scores of the version in the range's windows
     * @param averageQuality their mean; {@code null} without a score
     * @param windows        the windows holding a score, oldest first
     */
    public record Version(String version, long scores, Double averageQuality, List<Window> windows) {

        public Version {
            windows = List.copyOf(windows);
        }
    }

    /** One window's scores of a version, agent-side and feedback alike. */
    public record Window(String windowStart, String windowEnd, long scores, Double averageQuality) {
    }
}
