package com.acme;

/** Commands of the target application beyond the basic ones (extended by later tests). */
final class Commands {
    private Commands() {
    }

    static String run(String[] words) throws Exception {
        return "unknown command " + words[0];
    }
}
