package com.acme;

/** An interface the application's clients implement: rules may match it with subtypes: true. */
public interface Gateway {
    String send(String message) throws java.io.IOException;
}
