package dev.tripswitch.runtime;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** whenOpen.return literals become values of the method's type only when they fit exactly. */
class ReturnValuesTest {

    @Test
    void numbersThatFitAreConverted() {
        assertEquals(-1, ReturnValues.coerce(-1L, false, int.class));
        assertEquals(3, ReturnValues.coerce(3.0, false, int.class), "3.0 is a whole number");
        assertEquals((byte) 7, ReturnValues.coerce(7L, false, byte.class));
        assertEquals(1.5, ReturnValues.coerce(1.5, false, double.class));
        assertEquals(2.0, ReturnValues.coerce(2L, false, Double.class));
        assertEquals(5L, ReturnValues.coerce(5L, false, Number.class));
    }

    @Test
    void numbersThatDoNotFitAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReturnValues.coerce(1.5, false, int.class));
        assertTrue(e.getMessage().contains("1.5 cannot be returned as int: it is not a whole number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReturnValues.coerce(300L, false, byte.class));
        assertTrue(e.getMessage().contains("300 is out of the range of byte"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReturnValues.coerce(3_000_000_000L, false, int.class));
        assertThrows(IllegalArgumentException.class, () -> ReturnValues.coerce((1L << 53) + 1, false, double.class));
        assertThrows(IllegalArgumentException.class, () -> ReturnValues.coerce(null, false, long.class));
        assertThrows(IllegalArgumentException.class, () -> ReturnValues.coerce("x", false, int.class));
    }

    @Test
    void emptyIsTheTypesEmptyValue() {
        assertEquals(List.of(), ReturnValues.coerce(null, true, List.class));
        assertEquals(Optional.empty(), ReturnValues.coerce(null, true, Optional.class));
        assertEquals("", ReturnValues.coerce(null, true, String.class));
        assertEquals(0, ReturnValues.coerce(null, true, int.class));
    }
}
