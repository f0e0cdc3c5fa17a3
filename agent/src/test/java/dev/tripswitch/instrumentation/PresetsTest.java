package dev.tripswitch.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** In registry order, HTTP clients first: the order the docs' tables list them in. */
    @Test
    void allListsThePresetsInTheRegistrysOrder() {
        List<String> names = new ArrayList<>();
        for (ClientInstrumentation i : Presets.all()) {
            names.add(i.preset());
        }
        assertEquals(List.copyOf(Presets.names()), names);
        assertEquals(List.of("jdk-http-client", "http-url-connection", "okhttp"), names.subList(0, 3));
        assertTrue(names.containsAll(List.of("jdbc", "jedis")), names.toString());
    }

    @Test
    void anUnknownNameIsNoPreset() {
        assertNull(Presets.get("okhttp4"));
        assertNull(Presets.get(null));
    }
}
