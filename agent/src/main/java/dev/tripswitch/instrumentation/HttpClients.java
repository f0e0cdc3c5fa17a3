package dev.tripswitch.instrumentation;

import java.util.List;

import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.ResultExpression;
import dev.tripswitch.rules.WhenOpen;

/** What the HTTP instrumentations share: keyed by host, IOException and 5xx fail, ConnectException when open. */
final class HttpClients {
    static final WhenOpen CONNECT_EXCEPTION = new WhenOpen.Throw("java.net.ConnectException");

    private HttpClients() {
    }

    /** IOException, and a response for which {@code failingStatus} holds. */
    static FailOn failOn(String failingStatus) {
        return new FailOn(List.of("java.io.IOException"), List.of(), List.of(ResultExpression.parse(failingStatus)),
                List.of(), List.of());
    }
}
