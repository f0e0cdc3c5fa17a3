package dev.tripswitch.weaving;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up warm-up really goes through the weaver (so ASM and the advice classes are loaded by it). */
class WarmUpTest {
    @Test
    void theWarmUpWeavesItsSampleMethod() {
        byte[] woven = WarmUp.run();
        assertNotNull(woven, "the sample class was woven");
        assertTrue(new String(woven, java.nio.charset.StandardCharsets.ISO_8859_1).contains("dev/tripswitch/bridge/Dispatcher"),
                "the woven code calls the bridge");
    }
}
