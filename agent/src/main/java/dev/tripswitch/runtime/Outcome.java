package dev.tripswitch.runtime;

/** How a finished call counts. */
enum Outcome {
    SUCCESS, FAILURE, IGNORED
}
