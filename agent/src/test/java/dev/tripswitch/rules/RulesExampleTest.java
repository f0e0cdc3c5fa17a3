package dev.tripswitch.rules;

import dev.tripswitch.instrumentation.Presets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The annotated rules.yml at the top of the repository, which users copy, stays valid. */
class RulesExampleTest {

    @Test
    void theExampleUsersCopyIsValid() throws RulesException {
        RulesFile rules = RulesLoader.load(Path.of("../rules.yml"), Presets.catalog());
        assertEquals("payments", rules.breakers().get(0).name());
        assertTrue(rules.breakers().size() >= 3);
        assertEquals(0, rules.notices().size(), "the example must not use keys that are not supported yet");
    }
}
