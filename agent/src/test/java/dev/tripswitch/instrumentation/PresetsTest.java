package dev.tripswitch.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PresetsTest {
    @Test
    void eachNameDefinesThePresetOfThatName() {
        for (String name : Presets.names()) {
            assertEquals(name, Presets.get(name).preset());
            assertSame(Presets.get(name), Presets.get(name), "defined once");
        }
    }

    @Test
    void allListsThePresetsInTheDocsOrder() {
        List<String> names = new ArrayList<>();
        for (ClientInstrumentation i : Presets.all()) {
            names.add(i.preset());
        }
        assertEquals(List.of("jdk-http-client", "http-url-connection", "okhttp", "apache-httpclient5", "apache-httpclient4",
                "spring-restclient", "spring-webclient", "reactor-netty", "grpc", "jdbc"), names);
    }

    @Test
    void anUnknownNameIsNoPreset() {
        assertNull(Presets.get("okhttp4"));
        assertNull(Presets.get(null));
    }
}
