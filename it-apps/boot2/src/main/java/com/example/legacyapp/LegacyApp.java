package com.example.legacyapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.RestTemplate;

/**
 * An ordinary older Spring Boot service, knowing nothing of the agent: a {@code RestTemplate}
 * from Boot's {@code RestTemplateBuilder} (on Apache HttpClient 4, which is on its class path),
 * a plain {@code new RestTemplate()} (the default factory, {@code HttpURLConnection}), and
 * JdbcTemplate over Boot's HikariCP.
 */
@SpringBootApplication
@RestController
public class LegacyApp {
    private final RestTemplate boots;
    private final RestTemplate plain = new RestTemplate();
    private final JdbcTemplate jdbc;

    public LegacyApp(RestTemplateBuilder builder, JdbcTemplate jdbc) {
        this.boots = builder.build();
        this.jdbc = jdbc;
    }

    public static void main(String[] args) {
        SpringApplication.run(LegacyApp.class, args);
    }

    /** {@code /call?via=resttemplate-boot|resttemplate&url=...}. */
    @GetMapping("/call")
    public String call(@RequestParam String via, @RequestParam String url) {
        long start = System.nanoTime();
        try {
            RestTemplate template;
            if (via.equals("resttemplate-boot")) {
                template = boots;
            } else if (via.equals("resttemplate")) {
                template = plain;
            } else {
                throw new IllegalArgumentException("no client " + via);
            }
            return "ok " + template.getForObject(url, String.class) + took(start);
        } catch (RestClientResponseException e) {
            return "status " + e.getRawStatusCode() + took(start);
        } catch (RuntimeException e) {
            return failure(e) + took(start);
        }
    }

    /** {@code /factory}: the request factory Boot's builder picked. */
    @GetMapping("/factory")
    public String factory() {
        return boots.getRequestFactory().getClass().getName();
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
