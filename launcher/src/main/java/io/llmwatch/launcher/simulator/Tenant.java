package io.llmwatch.launcher.simulator;

import java.util.Random;

/**
 * A customer of the simulated app.
 *
 * @param plan  its pricing plan, sent as a tag
 * @param users how active its users are: user 1 the most, then a long tail
 */
record Tenant(String name, String plan, Zipf users) {

    /** A user id such as {@code acme-user-0007}, drawn by activity. */
    String pickUser(Random random) {
        return String.format("%s-user-%04d", name, users.sample(random));
    }
}
