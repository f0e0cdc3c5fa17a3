package dev.tripswitch.rules;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** match: one block or a list; names, globs, overloads; what is off limits refused. */
class MatchReaderTest {

    @Test
    void oneOrMany() {
        YamlReader y = Nodes.reader();
        MatchReader r = new MatchReader(y);
        assertEquals(List.of(new MatchSpec("com.acme.A", false, List.of("m"), null)),
                r.matches(Nodes.of("{type: com.acme.A, methods: m}"), "match"));
        assertEquals(List.of(new MatchSpec("com.acme.*Client", true, List.of("get*", "put"), List.of("java.lang.String", "byte[]")),
                        new MatchSpec("com.acme.B", false, List.of("x"), null)),
                r.matches(Nodes.of("""
                        - {type: "com.acme.*Client", subtypes: true, methods: ["get*", put], params: [java.lang.String, "byte[]"]}
                        - {type: com.acme.B, methods: [x]}
                        """), "match"));
        assertEquals(0, y.problemCount(), y.problems().toString());
    }

    @Test
    void badNamesAndOffLimitsTypesAreProblems() {
        YamlReader y = Nodes.reader();
        new MatchReader(y).matches(Nodes.of("""
                - {type: "com acme", methods: [m]}
                - {type: java.lang.String, methods: [length]}
                - {type: com.acme.A, methods: ["<init>", "a-b"]}
                """), "match");
        List<Problem> p = y.problems();
        assertEquals(4, p.size(), p.toString());
        assertTrue(p.get(0).message().contains("is not a class name or glob"));
        assertTrue(p.get(1).message().contains("reaches java.lang"));
        assertTrue(p.get(2).message().contains("'<init>' is a constructor"));
        assertTrue(p.get(3).message().contains("'a-b' is not a method name or glob"));
    }
}
