package com.acme;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.RestTemplate;

/**
 * Spring's RestClient and RestTemplate on each request factory Spring Boot may pick, each
 * with a 2 s read timeout as a service would set one.
 */
final class RestClientCommands {
    private static final Map<String, RestClient> CLIENTS = new ConcurrentHashMap<>();
    private static final Map<String, RestTemplate> TEMPLATES = new ConcurrentHashMap<>();

    private RestClientCommands() {
    }

    /** {@code restclient-get FACTORY URL}: the status and body, or the exception the caller catches, and the time taken. */
    static String restClientGet(String factory, String url) {
        RestClient client = CLIENTS.computeIfAbsent(factory, f -> RestClient.builder().requestFactory(factory(f)).build());
        long start = System.nanoTime();
        try {
            String body = client.get().uri(url).retrieve().body(String.class);
            return "ok 200 " + body + took(start);
        } catch (RestClientResponseException e) {
            return "status " + e.getStatusCode().value() + took(start);
        } catch (RuntimeException e) {
            return failure(e) + took(start);
        }
    }

    /** {@code resttemplate-get FACTORY URL}: the same through RestTemplate. */
    static String restTemplateGet(String factory, String url) {
        RestTemplate template = TEMPLATES.computeIfAbsent(factory, f -> new RestTemplate(factory(f)));
        long start = System.nanoTime();
        try {
            return "ok 200 " + template.getForObject(url, String.class) + took(start);
        } catch (RestClientResponseException e) {
            return "status " + e.getStatusCode().value() + took(start);
        } catch (RuntimeException e) {
            return failure(e) + took(start);
        }
    }

    private static String failure(Throwable e) {
        Throwable cause = e.getCause();
        return "failure " + e.getClass().getName() + " caused by "
                + (cause == null ? "nothing" : cause.getClass().getName() + ": " + cause.getMessage());
    }

    private static String took(long start) {
        return " | took " + (System.nanoTime() - start) / 1_000_000 + " ms";
    }

    private static ClientHttpRequestFactory factory(String name) {
        Duration read = Duration.ofSeconds(2);
        switch (name) {
            case "jdk": {
                JdkClientHttpRequestFactory f = new JdkClientHttpRequestFactory();
                f.setReadTimeout(read);
                return f;
            }
            case "reactor": {
                ReactorClientHttpRequestFactory f = new ReactorClientHttpRequestFactory();
                f.setReadTimeout(read);
                return f;
            }
            case "hc5": {
                HttpComponentsClientHttpRequestFactory f = new HttpComponentsClientHttpRequestFactory();
                f.setReadTimeout(read);
                return f;
            }
            case "simple": {
                SimpleClientHttpRequestFactory f = new SimpleClientHttpRequestFactory();
                f.setReadTimeout(read);
                return f;
            }
            case "jetty": {
                org.springframework.http.client.JettyClientHttpRequestFactory f =
                        new org.springframework.http.client.JettyClientHttpRequestFactory();
                f.setReadTimeout(read);
                return f;
            }
            default:
                throw new IllegalArgumentException("no factory " + name);
        }
    }
}
