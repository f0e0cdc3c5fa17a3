package com.example.bootapp;

import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * An ordinary Spring Boot service, built as Boot builds it (an executable jar with nested
 * jars) and knowing nothing of the agent: its outbound calls go through Boot's own
 * {@code RestClient.Builder} (the request factory Boot picked), RestClient on the JDK and
 * Reactor Netty factories with a 2 s read timeout, a plain {@code RestTemplate}, WebClient,
 * and JdbcTemplate over Boot's HikariCP.
 */
@SpringBootApplication
@RestController
public class BootApp {
    private final RestClient boots;
    private final RestClient jdk;
    private final RestClient reactor;
    private final RestTemplate template = new RestTemplate();
    private final WebClient web = WebClient.create();
    private final JdbcTemplate jdbc;

    public BootApp(RestClient.Builder builder, JdbcTemplate jdbc) {
        this.boots = builder.build();
        JdkClientHttpRequestFactory jdkFactory = new JdkClientHttpRequestFactory();
        jdkFactory.setReadTimeout(Duration.ofSeconds(2));
        this.jdk = RestClient.builder().requestFactory(jdkFactory).build();
        ReactorClientHttpRequestFactory reactorFactory = new ReactorClientHttpRequestFactory();
        reactorFactory.setReadTimeout(Duration.ofSeconds(2));
        this.reactor = RestClient.builder().requestFactory(reactorFactory).build();
        this.jdbc = jdbc;
    }

    public static void main(String[] args) {
        SpringApplication.run(BootApp.class, args);
    }

    /** {@code /call?via=restclient|restclient-jdk|restclient-reactor|resttemplate|webclient&url=...}. */
    @GetMapping("/call")
    public String call(@RequestParam String via, @RequestParam String url) {
        long start = System.nanoTime();
        try {
            String body = switch (via) {
                case "restclient" -> boots.get().uri(url).retrieve().body(String.class);
                case "restclient-jdk" -> jdk.get().uri(url).retrieve().body(String.class);
                case "restclient-reactor" -> reactor.get().uri(url).retrieve().body(String.class);
                case "resttemplate" -> template.getForObject(url, String.class);
                case "webclient" -> web.get().uri(url).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(20));
                default -> throw new IllegalArgumentException("no client " + via);
            };
            return "ok " + body + took(start);
        } catch (RestClientResponseException e) {
            return "status " + e.getStatusCode().value() + took(start);
        } catch (WebClientResponseException e) {
            return "status " + e.getStatusCode().value() + took(start);
        } catch (RuntimeException e) {
            return failure(e) + took(start);
        }
    }

    /** {@code /query}: {@code select 1} through JdbcTemplate and Boot's HikariCP. */
    @GetMapping("/query")
    public String query() {
        long start = System.nanoTime();
        try {
            return "ok " + jdbc.queryForObject("select 1", Integer.class) + took(start);
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
}
