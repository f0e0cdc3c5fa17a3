package com.example.storefront;

/** How a dependency of the storefront behaves right now. */
enum Mode {
    /** Answers at once. */
    HEALTHY,
    /** Answers after a long pause: 5 s for the HTTP services (past the storefront's timeouts); the database stalls. */
    SLOW,
    /** Answers with errors: HTTP 503, or a database connection that breaks. */
    FAILING,
    /** Gone: connections are refused. */
    GONE
}
