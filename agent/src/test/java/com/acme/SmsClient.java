package com.acme;

import java.io.IOException;

/** Implements {@link Gateway}; also has overloads, for matching by params. */
public class SmsClient implements Gateway {
    public static volatile boolean failing;

    @Override
    public String send(String message) throws IOException {
        if (failing) {
            throw new IOException("sms is down");
        }
        return "sent " + message;
    }

    public String notify(String to, long code) throws IOException {
        if (failing) {
            throw new IOException("sms is down");
        }
        return "notified " + to;
    }

    public String notify(String to) throws IOException {
        if (failing) {
            throw new IOException("sms is down");
        }
        return "notified " + to;
    }
}
