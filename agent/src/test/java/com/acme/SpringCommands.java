package com.acme;

import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.RestTemplate;

/** Spring's RestTemplate on its default request factory (HttpURLConnection underneath). */
final class SpringCommands {
    private static RestTemplate rest;

    private SpringCommands() {
    }

    static String restGet(String url) {
        if (rest == null) {
            rest = new RestTemplate();
        }
        try {
            return "200 " + rest.getForObject(url, String.class);
        } catch (RestClientResponseException e) {
            return e.getStatusCode().value() + " " + e.getClass().getSimpleName();
        }
    }
}
