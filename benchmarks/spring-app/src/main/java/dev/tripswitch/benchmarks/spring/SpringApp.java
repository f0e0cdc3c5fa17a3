package dev.tripswitch.benchmarks.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

/**
 * A Spring Boot web application as users write them: one endpoint, and once ready one
 * RestTemplate call to it (through HttpURLConnection, which the agent's preset guards);
 * then it exits. benchmarks/startup.sh times whole processes of it.
 */
@SpringBootApplication
@RestController
public class SpringApp {
    private final ConfigurableApplicationContext context;

    public SpringApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        SpringApplication.run(SpringApp.class, args);
    }

    @GetMapping("/ping")
    public String ping() {
        return "pong";
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        String port = context.getEnvironment().getProperty("local.server.port");
        String answer = new RestTemplate().getForObject("http://127.0.0.1:" + port + "/ping", String.class);
        System.out.println(answer);
        System.exit(SpringApplication.exit(context, () -> "pong".equals(answer) ? 0 : 1));
    }
}
