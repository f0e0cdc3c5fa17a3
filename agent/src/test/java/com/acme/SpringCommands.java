package com.acme;

import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.RestTemplate;

/** Spring's RestTemplate on its default request factory (HttpURLConnection underneath). */
final class SpringCommands {
    private static RestTemplate rest;
    private static RestTemplate restOnHttpClient5;

    private SpringCommands() {
    }

    static String restGet(String url) {
        if (rest == null) {
            rest = new RestTemplate();
        }
        return get(rest, url);
    }

    /** RestTemplate on Apache HttpClient 5, as Spring Boot configures it when httpclient5 is on the class path. */
    static String restGetOnHttpClient5(String url) {
        if (restOnHttpClient5 == null) {
            restOnHttpClient5 = new RestTemplate(
                    new org.springframework.http.client.HttpComponentsClientHttpRequestFactory());
        }
        return get(restOnHttpClient5, url);
    }

    private static String get(RestTemplate template, String url) {
        try {
            return "200 " + template.getForObject(url, String.class);
        } catch (RestClientResponseException e) {
            return e.getStatusCode().value() + " " + e.getClass().getSimpleName();
        }
    }
}
