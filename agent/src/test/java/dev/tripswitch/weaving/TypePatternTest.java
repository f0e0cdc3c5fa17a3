package dev.tripswitch.weaving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class TypePatternTest {
    @Test
    void anExactNameMatchesItselfOnly() {
        TypePattern p = new TypePattern("com.acme.Client");
        assertTrue(p.matches("com.acme.Client"));
        assertFalse(p.matches("com.acme.Client2"));
        assertFalse(p.matches("com.acme.Clien"));
    }

    @Test
    void globsMatchPrefixSuffixAndMiddleParts() {
        assertTrue(new TypePattern("execute*").matches("execute"));
        assertTrue(new TypePattern("execute*").matches("executeQuery"));
        assertFalse(new TypePattern("execute*").matches("doExecute"));
        assertTrue(new TypePattern("*Client").matches("com.acme.HttpClient"));
        assertTrue(new TypePattern("com.acme.*.Client").matches("com.acme.http.v2.Client"));
        assertFalse(new TypePattern("com.acme.*.Client").matches("com.acme.Client"));
        assertTrue(new TypePattern("*").matches(""));
        assertFalse(new TypePattern("a*a").matches("a"), "the prefix and the suffix may not overlap");
        assertTrue(new TypePattern("a*b*a").matches("aba"));
        assertFalse(new TypePattern("a*b*a").matches("ab"));
    }

    /** The same answers as the regular expression a glob stands for, on names built to catch overlaps. */
    @Test
    void globsAnswerAsTheirRegularExpression() {
        List<String> globs = List.of("*", "a*", "*a", "a*a", "*ab*", "a*b*a", "ab*ba", "*a*a*", "a**b", "aa*aa");
        String letters = "ab";
        for (String glob : globs) {
            Pattern regex = Pattern.compile(String.join(".*", quoted(glob.split("\\*", -1))));
            TypePattern pattern = new TypePattern(glob);
            for (int length = 0; length <= 6; length++) {
                for (int bits = 0; bits < (1 << length); bits++) {
                    StringBuilder name = new StringBuilder();
                    for (int i = 0; i < length; i++) {
                        name.append(letters.charAt((bits >> i) & 1));
                    }
                    assertEquals(regex.matcher(name).matches(), pattern.matches(name.toString()), glob + " on " + name);
                }
            }
        }
    }

    @Test
    void aNameSetAnswersForItsNamesAndGlobs() {
        NameSet set = new NameSet(List.of("send", "execute*", "*Async"));
        assertTrue(set.contains("send"));
        assertTrue(set.contains("executeUpdate"));
        assertTrue(set.contains("sendAsync"));
        assertFalse(set.contains("sen"));
        assertFalse(set.contains("close"));
    }

    private static String[] quoted(String[] parts) {
        String[] out = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Pattern.quote(parts[i]);
        }
        return out;
    }

    @Test
    void knowsWhetherItCanMatchANameUnderSomePrefixes() {
        List<String> jdk = List.of("java.", "javax.", "sun.");
        assertTrue(new TypePattern("java.sql.Driver").mayMatchUnder(jdk));
        assertTrue(new TypePattern("javax.sql.*").mayMatchUnder(jdk));
        assertTrue(new TypePattern("j*.Closeable").mayMatchUnder(jdk), "its literal start 'j' may go on as 'java.'");
        assertTrue(new TypePattern("*Client").mayMatchUnder(jdk), "a glob that starts with a star may match anything");
        assertFalse(new TypePattern("okhttp3.Call").mayMatchUnder(jdk));
        assertFalse(new TypePattern("com.acme.*").mayMatchUnder(jdk));
        assertFalse(new TypePattern("javafoo.Bar").mayMatchUnder(jdk), "a prefix ends at its dot");
    }
}
